import { type Context, Hono } from "hono";
import type { AccessChanges } from "../auth/AccessChanges.js";
import type { Auth } from "../auth/createAuth.js";
import type { RateLimits } from "../auth/rateLimits.js";
import { readAccount, type TAppEnv } from "../auth/session.js";
import { withoutSessionTokens } from "../auth/sessionTokens.js";

/**
 * better-auth's endpoints under `/api/auth`, wrapped with our limits: wrong
 * passwords per address, new accounts per address; and signing out closes
 * that session's sockets.
 */
export function authRoutes(auth: Auth, limits: RateLimits, accessChanges: AccessChanges) {
  return new Hono<TAppEnv>().on(["GET", "POST"], "/*", async (c) => withoutSessionTokens(await handle(c)));

  async function handle(c: Context<TAppEnv>): Promise<Response> {
    const path = c.req.path;
    const address = limits.clientAddress(c);
    if (c.req.method === "POST" && path.endsWith("/sign-in/email")) {
      await limits.checkSignIn(address);
      const response = await auth.handler(c.req.raw);
      if (response.status === 401) await limits.recordSignInFailure(address);
      return response;
    }
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
