import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cookiesOf,
  createTestApp,
  firstWorkspaceOf,
  refusal,
  type TTestApp,
  type TTestPerson,
  totp,
} from "../testing/app.js";
import { isDocumentChange, type TAccessChange } from "./AccessChanges.js";

/** Accounts: the first workspace, signing out everywhere, TOTP. */

let t: TTestApp;
let first: TTestPerson;

let firstAccountBefore: boolean;
/** Whether the install says its next account is its first, as anyone may ask. */
const firstAccount = async () => (await (await t.api().install.$get()).json()).firstAccount;

beforeAll(async () => {
  t = await createTestApp();
  // A fresh install: its first visitor is sent to create the first account.
  firstAccountBefore = await firstAccount();
  first = await t.signUp("First person");
}, 60_000);
afterAll(() => t.close());

const PASSWORD = "correct horse battery";

describe("a fresh install", () => {
  it("says, to anyone, that its next account is the first until one exists", async () => {
    expect(firstAccountBefore).toBe(true);
    expect(await firstAccount()).toBe(false);
  });
});

/** The signed-in person, as `cookie`'s holder. */
const me = (cookie: string) => t.api(cookie).me.$get();
const signOutEverywhere = (cookie?: string, options: { origin?: string } = {}) =>
  t.api(cookie, options).account["sign-out-everywhere"].$post();

/** A second session of the same person, as from another device. */
async function signIn(email: string): Promise<string> {
  const response = await t.call("POST", "/api/auth/sign-in/email", { body: { email, password: PASSWORD } });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
}

describe("the first workspace", () => {
  it('goes to the first account ("My coalition", as owner); later accounts get none', async () => {
    const mine = await first.api.me.$get();
    expect(mine.status).toBe(200);
    expect((await mine.json()).workspaces).toEqual([
      expect.objectContaining({ name: "My coalition", role: "owner" }),
    ]);

    const later = await t.signUp("Later person");
    const theirs = await later.api.me.$get();
    expect(theirs.status).toBe(200);
    const theirBody = await theirs.json();
    expect(theirBody.user).toMatchObject({ id: later.userId, twoFactorEnabled: false });
    expect(theirBody.workspaces).toEqual([]);
    expect((await (await later.api.workspaces.$get()).json()).workspaces).toEqual([]);
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the person, closes their sockets, and no one else's", async () => {
    const person = await t.signUp("Leaving all devices");
    const laptop = person.cookie;
    const phone = await signIn(person.email);
    expect((await me(phone)).status).toBe(200);
    const changes: TAccessChange[] = [];
    const unsubscribe = t.ctx.accessChanges.subscribe(
      (change) => isDocumentChange(change) || changes.push(change),
    );

    try {
      const out = await signOutEverywhere(phone);
      expect(out.status).toBe(200);
      expect(await out.json()).toEqual({ ok: true });
    } finally {
      unsubscribe();
    }
    for (const cookie of [laptop, phone]) {
      const refused = await me(cookie);
      expect(refused.status).toBe(401);
      expect((await refusal(refused)).code).toBe("unauthorized");
    }
    // One change for each ended session (from better-auth's hook), and one for all of them.
    expect(changes).toContainEqual({ userId: person.userId, reason: "signed_out" });
    const ended = changes.filter((change) => change.sessionId);
    expect(ended).toHaveLength(2);
    for (const change of ended) expect(change).toMatchObject({ userId: person.userId, reason: "signed_out" });
    // Someone else's session is untouched.
    expect((await first.api.me.$get()).status).toBe(200);
  });

  it("is recorded in the person's workspaces", async () => {
    const again = await signIn(first.email);
    expect((await signOutEverywhere(again)).status).toBe(200);
    const cookie = await signIn(first.email);
    first = { ...first, cookie, api: t.api(cookie) };
    const workspaceId = await firstWorkspaceOf(first);
    const audit = await first.api.workspaces[":workspaceId"].audit.$get({
      param: { workspaceId },
      query: {},
    });
    expect((await audit.json()).events).toContainEqual(
      expect.objectContaining({
        action: "signed_out_everywhere",
        actor: expect.objectContaining({ id: first.userId }),
      }),
    );
  });

  it("needs a session and this server's Origin", async () => {
    expect((await signOutEverywhere()).status).toBe(401);
    const person = await t.signUp("Targeted");
    const forged = await signOutEverywhere(person.cookie, { origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect((await refusal(forged)).code).toBe("bad_origin");
    expect((await person.api.me.$get()).status).toBe(200);
  });
});

describe("two-factor sign-in", () => {
  it("enabling with the password returns a TOTP URI and backup codes", async () => {
    const person = await t.signUp("Careful person");
    const enabled = await t.call("POST", "/api/auth/two-factor/enable", {
      cookie: person.cookie,
      body: { password: PASSWORD },
    });
    expect(enabled.status).toBe(200);
    expect(enabled.body.totpURI).toMatch(/^otpauth:\/\/totp\//);
    expect(enabled.body.backupCodes.length).toBeGreaterThan(0);
  });

  it("enabling with a wrong password is refused", async () => {
    const person = await t.signUp("Careless person");
    const refused = await t.call("POST", "/api/auth/two-factor/enable", {
      cookie: person.cookie,
      body: { password: "not the password at all" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("INVALID_PASSWORD");
    expect(refused.body.totpURI).toBeUndefined();
  });

  it("once confirmed, sign-in asks for the code, refuses a wrong one and lets the right one in", async () => {
    const person = await t.signUp("Journalist");
    const enabled = await t.call("POST", "/api/auth/two-factor/enable", {
      cookie: person.cookie,
      body: { password: PASSWORD },
    });
    const secret = new URL(enabled.body.totpURI).searchParams.get("secret") ?? "";
    const confirmed = await t.call("POST", "/api/auth/two-factor/verify-totp", {
      cookie: person.cookie,
      body: { code: totp(secret) },
    });
    expect(confirmed.status).toBe(200);
    // Confirming starts a fresh session (better-auth rotates it).
    const current = cookiesOf(confirmed.headers) || person.cookie;
    expect((await (await me(current)).json()).user.twoFactorEnabled).toBe(true);

    // The password alone no longer opens a session.
    const passwordOnly = await t.call("POST", "/api/auth/sign-in/email", {
      body: { email: person.email, password: PASSWORD },
    });
    expect(passwordOnly.status).toBe(200);
    expect(passwordOnly.body.twoFactorRedirect).toBe(true);
    const pending = cookiesOf(passwordOnly.headers);
    expect((await me(pending)).status).toBe(401);

    const wrongCode = String((Number(totp(secret)) + 1) % 1_000_000).padStart(6, "0");
    const wrong = await t.call("POST", "/api/auth/two-factor/verify-totp", {
      cookie: pending,
      body: { code: wrongCode },
    });
    expect(wrong.status).toBe(401);
    const right = await t.call("POST", "/api/auth/two-factor/verify-totp", {
      cookie: pending,
      body: { code: totp(secret) },
    });
    expect(right.status).toBe(200);
    const session = cookiesOf(right.headers);
    expect((await (await me(session)).json()).user.email).toBe(person.email);
  });
});
