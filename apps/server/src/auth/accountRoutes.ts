import { Hono } from "hono";
import type { Auth } from "./createAuth.js";
import type { TAccountDeps } from "./deps.js";
import { requireAccount, type TAppEnv } from "./session.js";

/** `/api/me` and `/api/account/*`: the signed-in person; `/api/install`: whether anyone has an account yet. */
export function accountRoutes(ctx: TAccountDeps, auth: Auth) {
  // Once an account exists the answer never changes back: later visitors
  // (anyone may ask) cost no query.
  let hasAccount = false;
  return (
    new Hono<TAppEnv>()
      // For anyone: a fresh install's first visitor is sent to create the first
      // account, not to sign in to one that does not exist. (The first account
      // gets the install's first workspace, so no workspace means no account.)
      .get("/install", async (c) => {
        hasAccount ||= await ctx.workspaces.any();
        return c.json({ firstAccount: !hasAccount }, 200);
      })
      .get("/me", async (c) => {
        const account = requireAccount(c);
        const workspaces = await ctx.workspaces.listForUser(account.userId);
        const { userId, name, email, twoFactorEnabled } = account;
        return c.json({ user: { id: userId, name, email, twoFactorEnabled }, workspaces }, 200);
      })
      .post("/account/sign-out-everywhere", async (c) => {
        const { userId } = requireAccount(c);
        await auth.api.revokeSessions({ headers: c.req.raw.headers });
        await ctx.accessChanges.publish({ userId, reason: "signed_out" });
        await ctx.audit.recordForMember(userId, "signed_out_everywhere");
        return c.json({ ok: true }, 200);
      })
  );
}
