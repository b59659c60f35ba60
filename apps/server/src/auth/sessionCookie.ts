import { createHmac, timingSafeEqual } from "node:crypto";
import type { Auth } from "./createAuth.js";

/**
 * Reads the session token from a Cookie header, or `undefined`: no session
 * cookie, more than one, or a signature that is not ours.
 */
export type TSessionCookieReader = (cookieHeader: string | undefined) => string | undefined;

/**
 * The session token a request's cookie carries, checked as better-auth
 * signs it (HMAC-SHA256 of the token with the auth secret, base64, after a
 * dot; the whole URI-encoded). The sync gate keys what it remembers of a
 * session by this token, so a value is only ever looked up once its
 * signature is verified, on every request, whatever the cache holds. A
 * header with the cookie twice is not read at all: which one better-auth
 * would take is then not ours to guess. `undefined` never refuses anyone by
 * itself: the caller asks better-auth instead.
 */
export async function sessionCookieReader(auth: Auth): Promise<TSessionCookieReader> {
  const context = await auth.$context;
  const name = context.authCookies.sessionToken.name;
  const secret = context.secret;
  return (header) => {
    const raw = header === undefined ? undefined : onlyCookie(header, name);
    if (raw === undefined) return undefined;
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    const dot = value.lastIndexOf(".");
    if (dot < 1) return undefined;
    const token = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1));
    const expected = Buffer.from(createHmac("sha256", secret).update(token).digest("base64"));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return token;
  };
}

/** The value of cookie `name` when the header holds it exactly once. */
function onlyCookie(header: string, name: string): string | undefined {
  let found: string | undefined;
  for (const pair of header.split(";")) {
    const equals = pair.indexOf("=");
    if (equals < 0 || pair.slice(0, equals).trim() !== name) continue;
    if (found !== undefined) return undefined;
    found = pair.slice(equals + 1).trim();
  }
  if (found?.startsWith('"') && found.endsWith('"') && found.length >= 2) found = found.slice(1, -1);
  return found;
}
