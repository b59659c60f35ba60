import type { Context } from "hono";
import { UnauthorizedError } from "../errors.js";
import type { TAccount, TAppEnv } from "./appEnv.js";
import type { Auth } from "./createAuth.js";

export type { TAccount, TAppEnv } from "./appEnv.js";

/** Reads the session from the request's cookie; `null` when signed out. */
export async function readAccount(auth: Auth, headers: Headers): Promise<TAccount | null> {
  return (await readSession(auth, headers))?.account ?? null;
}

/**
 * The session behind the request's cookie, with its token and when it
 * expires (for what the sync gate may remember of it); `null` when signed out.
 */
export async function readSession(
  auth: Auth,
  headers: Headers,
): Promise<{ account: TAccount; token: string; expiresAt: Date } | null> {
  const found = await auth.api.getSession({ headers, query: { disableCookieCache: true } });
  if (!found) return null;
  return {
    account: {
      userId: found.user.id,
      sessionId: found.session.id,
      name: found.user.name,
      email: found.user.email,
      twoFactorEnabled: Boolean((found.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled),
    },
    token: found.session.token,
    expiresAt: new Date(found.session.expiresAt),
  };
}

/** The account a route needs, or 401. */
export function requireAccount(c: Context<TAppEnv>): TAccount {
  const account = c.get("account");
  if (!account) throw new UnauthorizedError();
  return account;
}
