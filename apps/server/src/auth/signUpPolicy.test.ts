import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, firstWorkspaceOf, type TTestApp, type TTestPerson } from "../testing/app.js";

/** `SIGN_UP=invitation`: after the first account, only someone holding an open invitation link signs up (issue 16). */

const PASSWORD = "correct horse battery";

let t: TTestApp;
let installBefore: { firstAccount: boolean; signUp: string; passwordReset: string };
let owner: TTestPerson;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp({ signUp: "invitation" });
  installBefore = await (await t.api().install.$get()).json();
  // The first account needs no invitation: someone has to own the install.
  owner = await t.signUp("Founder");
  workspaceId = await firstWorkspaceOf(owner);
}, 60_000);
afterAll(() => t.close());

let people = 0;
function signUp(extra: Record<string, unknown> = {}) {
  const email = `newcomer.${++people}.${Date.now()}@example.org`;
  return {
    email,
    answer: t.call("POST", "/api/auth/sign-up/email", {
      body: { name: "Newcomer", email, password: PASSWORD, ...extra },
    }),
  };
}

async function accountExists(email: string): Promise<boolean> {
  return (await t.db.query('SELECT 1 FROM "users" WHERE "email" = $1', [email])).length > 0;
}

async function openInvitation(): Promise<{ id: string; token: string }> {
  const created = await owner.api.workspaces[":workspaceId"].invitations.$post({
    param: { workspaceId },
    json: { role: "editor" },
  });
  expect(created.status).toBe(201);
  const { invitation, token } = await created.json();
  return { id: invitation.id, token };
}

describe("sign-up by invitation only", () => {
  it("says so to anyone who asks, before and after the first account", async () => {
    expect(installBefore).toMatchObject({ firstAccount: true, signUp: "invitation" });
    expect(await (await t.api().install.$get()).json()).toEqual({
      firstAccount: false,
      signUp: "invitation",
      passwordReset: "owner",
    });
  });

  it("refuses a later account without an invitation, or with a made-up one, and creates nothing", async () => {
    for (const extra of [{}, { invitationToken: "x".repeat(43) }, { invitationToken: 42 }]) {
      const { email, answer } = signUp(extra);
      const refused = await answer;
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("invitation_required");
      expect(await accountExists(email)).toBe(false);
    }
  });

  it("lets in someone holding an open invitation, who can then sign in and accept it; then it lets no one else in", async () => {
    const { token } = await openInvitation();
    const { email, answer } = signUp({ invitationToken: token });
    expect((await answer).status).toBe(200);
    expect(await accountExists(email)).toBe(true);
    const signedIn = await t.call("POST", "/api/auth/sign-in/email", { body: { email, password: PASSWORD } });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers
      .getSetCookie()
      .map((header) => header.split(";")[0])
      .join("; ");
    expect((await t.api(cookie).invitations.accept.$post({ json: { token } })).status).toBe(200);
    const after = signUp({ invitationToken: token });
    expect((await after.answer).status).toBe(403);
    expect(await accountExists(after.email)).toBe(false);
  });

  it("refuses an invitation that was revoked", async () => {
    const { id, token } = await openInvitation();
    await owner.api.workspaces[":workspaceId"].invitations[":invitationId"].$delete({
      param: { workspaceId, invitationId: id },
    });
    const revoked = signUp({ invitationToken: token });
    expect((await revoked.answer).status).toBe(403);
    expect(await accountExists(revoked.email)).toBe(false);
  });
});

describe("sign-up open to anyone (the default)", () => {
  it("says so, and needs no invitation", async () => {
    const open = await createTestApp();
    try {
      await open.signUp("First");
      expect(await (await open.api().install.$get()).json()).toEqual({
        firstAccount: false,
        signUp: "open",
        passwordReset: "owner",
      });
      const later = await open.call("POST", "/api/auth/sign-up/email", {
        body: { name: "Anyone", email: `anyone.${Date.now()}@example.org`, password: PASSWORD },
      });
      expect(later.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
