import { ZChangeEmail, ZChangeName, ZChangePassword } from "@caucus/shared/schemas";
import { Hono } from "hono";
import { validate } from "../http/validate.js";
import { changeEmail } from "./changeEmail.js";
import { changePassword } from "./changePassword.js";
import type { Auth } from "./createAuth.js";
import type { TAccountDeps } from "./deps.js";
import type { RateLimits } from "./rateLimits.js";
import type { SignUpPolicy } from "./SignUpPolicy.js";
import { requireAccount, type TAppEnv } from "./session.js";

/** `/api/me` and `/api/account/*`: the signed-in person; `/api/install`: whether anyone has an account yet. */
export function accountRoutes(ctx: TAccountDeps, auth: Auth, limits: RateLimits, signUps: SignUpPolicy) {
  const deps = { ...ctx, auth, limits };
  return (
    new Hono<TAppEnv>()
      // For anyone: a fresh install's first visitor is sent to create the first
      // account, not to sign in to one that does not exist. (The first account
      // gets the install's first workspace, so no workspace means no account.)
      // And whether new accounts need an invitation link, and how a forgotten
      // password is reset (a link by mail, or from an owner).
      .get("/install", async (c) =>
        c.json(
          {
            firstAccount: await signUps.firstAccount(),
            signUp: signUps.mode,
            passwordReset: ctx.passwordResets.mode,
          },
          200,
        ),
      )
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
      .put("/account/name", validate("json", ZChangeName), async (c) => {
        const { userId } = requireAccount(c);
        const { name } = c.req.valid("json");
        await limits.consumeAccountChange(userId);
        await auth.api.updateUser({ body: { name }, headers: c.req.raw.headers });
        await ctx.audit.recordForMember(userId, "name_changed");
        return c.json({ name }, 200);
      })
      .put("/account/email", validate("json", ZChangeEmail), async (c) => {
        const { userId } = requireAccount(c);
        const input = c.req.valid("json");
        await changeEmail(
          deps,
          { headers: c.req.raw.headers, address: limits.clientAddress(c), userId },
          input,
        );
        return c.json({ email: input.email }, 200);
      })
      .put("/account/password", validate("json", ZChangePassword), async (c) => {
        const { userId } = requireAccount(c);
        const headers = await changePassword(
          deps,
          { headers: c.req.raw.headers, address: limits.clientAddress(c), userId },
          c.req.valid("json"),
        );
        // This device's new session (the old one ended with the others).
        for (const cookie of headers.getSetCookie()) c.header("set-cookie", cookie, { append: true });
        return c.json({ ok: true }, 200);
      })
  );
}
