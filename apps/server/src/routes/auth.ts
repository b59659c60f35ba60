import { type Context, Hono } from "hono";
import type { AccessChanges } from "../auth/AccessChanges.js";
import { checkAccountInput } from "../auth/accountInput.js";
import type { Auth } from "../auth/createAuth.js";
import { limitPasswordGuesses } from "../auth/passwordGuesses.js";
import type { RateLimits } from "../auth/rateLimits.js";
import { readAccount, type TAppEnv } from "../auth/session.js";
import { withoutSessionTokens } from "../auth/sessionTokens.js";

/**
 * better-auth's endpoints under `/api/auth`, wrapped with our limits: wrong
 * passwords per address (on every route that checks one), new accounts per
 * address; signing out closes that session's sockets; and no answer
 * carries a session token.
 */
export function authRoutes(auth: Auth, limits: RateLimits, accessChanges: AccessChanges) {
  return new Hono<TAppEnv>()
    .use("*", checkAccountInput)
    .on(["GET", "POST"], "/*", async (c) =>
      withoutSessionTokens(await limitPasswordGuesses(c, limits, () => handle(c))),
    );

  async function handle(c: Context<TAppEnv>): Promise<Response> {
    const path = c.req.path;
    const address = limits.clientAddress(c);
    if (c.req.method === "POST" && path.endsWith("/sign-up/email")) {
      await limits.consumeSignUp(address);
      return auth.handler(c.req.raw);
    }
    if (c.req.method === "POST" && (path.endsWith("/sign-out") || path.includes("/revoke-"))) {
      const account = await readAccount(auth, c.req.raw.headers);
      const response = await auth.handler(c.req.raw);
      if (account && response.ok) {
        await accessChanges.publish({
          userId: account.userId,
          reason: "signed_out",
          ...(path.endsWith("/sign-out") ? { sessionId: account.sessionId } : {}),
        });
      }
      return response;
    }
    return auth.handler(c.req.raw);
  }
}
