import { type Context, Hono } from "hono";
import { ApiError } from "../errors.js";
import { checkAccountInput } from "./accountInput.js";
import type { Auth } from "./createAuth.js";
import { limitPasswordGuesses } from "./passwordGuesses.js";
import type { RateLimits } from "./rateLimits.js";
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
export function authRoutes(auth: Auth, limits: RateLimits) {
  return new Hono<TAppEnv>()
    .use("*", checkAccountInput)
    .on(["GET", "POST"], "/*", async (c) =>
      withoutSessionTokens(await limitPasswordGuesses(c, limits, () => handle(c))),
    );

  async function handle(c: Context<TAppEnv>): Promise<Response> {
    const path = c.req.path;
    const replacement = Object.entries(REPLACED_ROUTES).find(([route]) => path.endsWith(route))?.[1];
    if (replacement) throw new ApiError(404, "not_found", `Change your account with ${replacement}.`);
    const address = limits.clientAddress(c);
    if (c.req.method === "POST" && path.endsWith("/sign-up/email")) {
      await limits.consumeSignUp(address);
      return auth.handler(c.req.raw);
    }
    return auth.handler(c.req.raw);
  }
}
