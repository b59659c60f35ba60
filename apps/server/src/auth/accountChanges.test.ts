import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsOf,
  cookiesOf,
  createTestApp,
  refusal,
  type TTestApp,
  type TTestPerson,
} from "../testing/app.js";
import type { TRightsChange } from "./AccessChanges.js";

/** A person changes their own name, sign-in address and password (issue 16). */

const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "staple battery horse correct";

let t: TTestApp;
/** The install's first account: owner of a workspace, so their changes land in its audit log. */
let owner: TTestPerson;

beforeAll(async () => {
  t = await createTestApp({ accountChangesPerHour: 6 });
  owner = await t.signUp("Owner of the coalition");
}, 60_000);
afterAll(() => t.close());

const account = (cookie: string) => t.api(cookie).account;
const me = async (cookie: string) => t.api(cookie).me.$get();

async function signIn(email: string, password: string) {
  return t.call("POST", "/api/auth/sign-in/email", { body: { email, password } });
}

async function auditActions(): Promise<string[]> {
  const events = await auditEventsOf(owner);
  return events.filter((event) => event.actor?.id === owner.userId).map((event) => event.action);
}

describe("changing one's name", () => {
  it("renames the person everywhere, is audited, and refuses an empty name", async () => {
    const renamed = await account(owner.cookie).name.$put({ json: { name: "  Amina Diallo " } });
    expect(renamed.status).toBe(200);
    expect((await (await me(owner.cookie)).json()).user.name).toBe("Amina Diallo");
    expect(await auditActions()).toContain("name_changed");

    const empty = await account(owner.cookie).name.$put({ json: { name: "   " } });
    expect(empty.status).toBe(400);
    expect((await refusal(empty)).issues).toEqual([{ path: "name", message: "Give your name." }]);
  });
});

describe("changing one's sign-in address", () => {
  it("takes the current password, says when another account has the address, and then signs in with the new one only", async () => {
    const person = await t.signUp("Moving mailboxes");
    const other = await t.signUp("Has an address");
    const newEmail = `moved.${Date.now()}@example.org`;

    const wrong = await account(person.cookie).email.$put({
      json: { email: newEmail, currentPassword: "not my password at all" },
    });
    expect(wrong.status).toBe(400);
    expect((await refusal(wrong)).issues).toEqual([
      { path: "currentPassword", message: "That is not your current password." },
    ]);

    const taken = await account(person.cookie).email.$put({
      json: { email: other.email.toUpperCase(), currentPassword: PASSWORD },
    });
    expect(taken.status).toBe(409);
    expect((await refusal(taken)).code).toBe("email_taken");

    const moved = await account(person.cookie).email.$put({
      json: { email: ` ${newEmail.toUpperCase()} `, currentPassword: PASSWORD },
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toEqual({ email: newEmail });
    expect((await (await me(person.cookie)).json()).user.email).toBe(newEmail);
    expect((await signIn(newEmail, PASSWORD)).status).toBe(200);
    expect((await signIn(person.email, PASSWORD)).status).toBe(401);
  });

  it("is audited", async () => {
    const moved = await account(owner.cookie).email.$put({
      json: { email: `owner.${Date.now()}@example.org`, currentPassword: PASSWORD },
    });
    expect(moved.status).toBe(200);
    expect(await auditActions()).toContain("email_changed");
  });
});

describe("changing one's password", () => {
  it("takes the current one, ends every other session (their sockets told), and keeps this device signed in", async () => {
    const person = await t.signUp("Lost a phone");
    const phone = await signIn(person.email, PASSWORD);
    const phoneCookie = cookiesOf(phone.headers);
    expect((await me(phoneCookie)).status).toBe(200);

    const wrong = await account(person.cookie).password.$put({
      json: { currentPassword: "not my password at all", newPassword: NEW_PASSWORD },
    });
    expect(wrong.status).toBe(400);
    expect((await refusal(wrong)).issues.map((issue) => issue.path)).toEqual(["currentPassword"]);
    const short = await account(person.cookie).password.$put({
      json: { currentPassword: PASSWORD, newPassword: "short" },
    });
    expect(short.status).toBe(400);
    expect((await refusal(short)).issues.map((issue) => issue.path)).toEqual(["newPassword"]);

    const changes: TRightsChange[] = [];
    const unsubscribe = t.ctx.accessChanges.subscribe((change) => changes.push(change));
    let laptopCookie: string;
    try {
      const changed = await account(person.cookie).password.$put({
        json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(changed.status).toBe(200);
      laptopCookie = cookiesOf(changed.headers);
    } finally {
      unsubscribe();
    }
    // This device carries on under its new session; the phone is signed out.
    expect((await me(laptopCookie)).status).toBe(200);
    expect((await me(phoneCookie)).status).toBe(401);
    expect(changes).toContainEqual(expect.objectContaining({ userId: person.userId, reason: "signed_out" }));
    expect((await signIn(person.email, PASSWORD)).status).toBe(401);
    expect((await signIn(person.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("is audited", async () => {
    const changed = await account(owner.cookie).password.$put({
      json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changed.status).toBe(200);
    owner = { ...owner, cookie: cookiesOf(changed.headers), api: t.api(cookiesOf(changed.headers)) };
    expect(await auditActions()).toContain("password_changed");
  });
});

describe("the limits on account changes", () => {
  it("refuses better-auth's own routes for these changes, which would skip the password, the audit and the limit", async () => {
    const person = await t.signUp("Takes a shortcut");
    for (const [path, body] of [
      ["/api/auth/update-user", { name: "Someone else" }],
      ["/api/auth/change-email", { newEmail: "shortcut@example.org" }],
      ["/api/auth/change-password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }],
    ] as const) {
      const refused = await t.call("POST", path, { cookie: person.cookie, body });
      expect(refused.status, path).toBe(404);
      expect(refused.body.error.message).toMatch(/^Change your account with PUT \/api\/account\//);
    }
    expect((await (await me(person.cookie)).json()).user.name).toBe("Takes a shortcut");
  });

  it("allows ACCOUNT_CHANGES_PER_HOUR changes a person an hour, then 429", async () => {
    const person = await t.signUp("Restless");
    for (let i = 0; i < 6; i++) {
      expect((await account(person.cookie).name.$put({ json: { name: `Restless ${i}` } })).status).toBe(200);
    }
    const refused = await account(person.cookie).name.$put({ json: { name: "Restless again" } });
    expect(refused.status).toBe(429);
    expect((await refusal(refused)).code).toBe("rate_limited");
    expect((await (await me(person.cookie)).json()).user.name).toBe("Restless 5");
  });

  it("needs a session", async () => {
    const anonymous = await t.api().account.name.$put({ json: { name: "Nobody" } });
    expect(anonymous.status).toBe(401);
  });
});
