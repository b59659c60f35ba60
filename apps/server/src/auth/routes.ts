import { type Context, Hono } from "hono";
import { ApiError } from "../errors.js";
import { checkAccountInput } from "./accountInput.js";
import type { Auth } from "./createAuth.js";
import { limitPasswordGuesses } from "./passwordGuesses.js";
import type { RateLimits } from "./rateLimits.js";
import type { SignUpPolicy } from "./SignUpPolicy.js";
import type { TAppEnv } from "./session.js";
import { withoutSessionTokens } from "./sessionTokens.js";

/**
 * better-auth's routes that change an account, and ours that replace them:
 * ours require the current password for an email, end the other sessions
 * on a password change, audit and limit every change.
 */
const REPLACED_ROUTES: Record<string, string> = {
  "/update-user": "PUT /api/account/name",
  "/change-email": "PUT /api/account/email",
  "/change-password": "PUT /api/account/password",
};

/**
 * better-auth's endpoints under `/api/auth`, wrapped with our limits: wrong
 * passwords per address (on every route that checks one), new accounts per
 * address; and no answer carries a session token. Every session that ends
 * here closes its sockets and streams through the hook in createAuth.ts.
 */
export function authRoutes(auth: Auth, limits: RateLimits, signUps: SignUpPolicy) {
  return new Hono<TAppEnv>()
    .use("*", checkAccountInput)
    .on(["GET", "POST"], "/*", async (c) =>
      withoutSessionTokens(await limitPasswordGuesses(c, limits, () => handle(c))),
    );

  async function handle(c: Context<TAppEnv>): Promise<Response> {
    const path = c.req.path;
    const replacement = Object.entries(REPLACED_ROUTES).find(([route]) => path.endsWith(route))?.[1];
    if (replacement) throw new ApiError(404, "not_found", `Change your account with ${replacement}.`);
    // better-auth's link lands here with the token in the path, where logs keep it; ours carry it in the fragment.
    if (c.req.method === "GET" && path.includes("/reset-password/")) {
      throw new ApiError(404, "not_found", "Open the reset link from the mail as it is.");
    }
    const address = limits.clientAddress(c);
    if (c.req.method === "POST" && path.endsWith("/request-password-reset")) {
      const body = (await c.req.raw
        .clone()
        .json()
        .catch(() => null)) as { email?: unknown } | null;
      await limits.consumePasswordResetRequest(address, typeof body?.email === "string" ? body.email : "");
    }
    if (c.req.method === "POST" && path.endsWith("/sign-up/email")) {
      await limits.consumeSignUp(address);
      const { request, invitationToken } = await takeInvitationToken(c.req.raw);
      await signUps.check(invitationToken);
      return auth.handler(request);
    }
    return auth.handler(c.req.raw);
  }
}

/**
 * A sign-up's invitation token (`invitationToken` in its JSON body, beside
 * better-auth's fields), and the request without it for better-auth, which
 * would otherwise try to store it on the account.
 */
async function takeInvitationToken(
  raw: Request,
): Promise<{ request: Request; invitationToken: string | undefined }> {
  if (!raw.headers.get("content-type")?.includes("application/json"))
    return { request: raw, invitationToken: undefined };
  let body: unknown;
  try {
    body = await raw.clone().json();
  } catch {
    return { request: raw, invitationToken: undefined };
  }
  if (typeof body !== "object" || body === null || !("invitationToken" in body)) {
    return { request: raw, invitationToken: undefined };
  }
  const { invitationToken, ...rest } = body as { invitationToken?: unknown };
  const headers = new Headers(raw.headers);
  headers.delete("content-length");
  return {
    request: new Request(raw.url, { method: raw.method, headers, body: JSON.stringify(rest) }),
    invitationToken: typeof invitationToken === "string" ? invitationToken : undefined,
  };
}
