import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsOf,
  cookiesOf,
  createTestApp,
  firstWorkspaceOf,
  refusal,
  type TTestApp,
  type TTestPerson,
} from "../testing/app.js";
import { startMailbox, type TReceivedMail } from "../testing/mailbox.js";
import type { TRightsChange } from "./AccessChanges.js";

/** A way back into a forgotten account: a link by mail, or one from an owner (issue 16). */

const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "a brand new passphrase";

/** The reset token in a mail's link, on a line of its own. */
function tokenIn(mail: TReceivedMail | undefined): string {
  const match = /^https:\/\/caucus\.example\/reset-password#token=([A-Za-z0-9_-]+)$/m.exec(mail?.text ?? "");
  if (!match?.[1]) throw new Error(`no reset link in the mail:\n${mail?.raw}`);
  return match[1];
}

const me = (t: TTestApp, cookie: string) => t.api(cookie).me.$get();

async function signIn(t: TTestApp, email: string, password: string) {
  return t.call("POST", "/api/auth/sign-in/email", { body: { email, password } });
}

describe("a reset link by mail (SMTP_URL)", () => {
  let t: TTestApp;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let owner: TTestPerson;

  beforeAll(async () => {
    mailbox = await startMailbox();
    t = await createTestApp({
      publicUrl: "https://caucus.example",
      smtpUrl: mailbox.url,
      passwordResetRequestsPerHour: 6,
    });
    owner = await t.signUp("Forgetful owner");
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await mailbox.close();
  });

  const ask = (email: string) => t.call("POST", "/api/auth/request-password-reset", { body: { email } });

  it("is mailed to an address with an account; an unknown one gets the same answer and no mail", async () => {
    expect((await (await t.api().install.$get()).json()).passwordReset).toBe("mail");
    const unknown = await ask(`nobody.${Date.now()}@example.org`);
    const known = await ask(owner.email);
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    expect(unknown.body).toEqual(known.body);
    await expect.poll(() => mailbox.mails.length, { timeout: 10_000 }).toBe(1);
    expect(mailbox.mails[0]?.to).toEqual([owner.email]);
    expect(mailbox.mails[0]?.subject).toBe("Reset your Caucus password");
    expect(mailbox.mails[0]?.headers.get("content-language")).toBe("en");
  });

  it("works once, ends every session, and is stored only hashed", async () => {
    const phone = cookiesOf((await signIn(t, owner.email, PASSWORD)).headers);
    const token = tokenIn(mailbox.mails.at(-1));
    const stored = await t.db.query<{ identifier: string }>('SELECT "identifier" FROM "verifications"');
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) expect(row.identifier).not.toContain(token);

    const changes: TRightsChange[] = [];
    const unsubscribe = t.ctx.accessChanges.subscribe((change) => changes.push(change));
    try {
      const reset = await t.call("POST", "/api/auth/reset-password", {
        body: { token, newPassword: NEW_PASSWORD },
      });
      expect(reset.status).toBe(200);
    } finally {
      unsubscribe();
    }
    for (const cookie of [owner.cookie, phone]) expect((await me(t, cookie)).status).toBe(401);
    expect(changes).toContainEqual({ userId: owner.userId, reason: "signed_out" });
    expect((await signIn(t, owner.email, PASSWORD)).status).toBe(401);
    const signedIn = await signIn(t, owner.email, NEW_PASSWORD);
    expect(signedIn.status).toBe(200);
    owner = { ...owner, cookie: cookiesOf(signedIn.headers), api: t.api(cookiesOf(signedIn.headers)) };

    const again = await t.call("POST", "/api/auth/reset-password", {
      body: { token, newPassword: PASSWORD },
    });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe("INVALID_TOKEN");

    expect((await auditEventsOf(owner)).map((event) => event.action)).toContain("password_reset");
  });

  it("stops working after 30 minutes", async () => {
    const person = await t.signUp("Slow to read mail");
    const before = mailbox.mails.length;
    expect((await ask(person.email)).status).toBe(200);
    await expect.poll(() => mailbox.mails.length, { timeout: 10_000 }).toBe(before + 1);
    const token = tokenIn(mailbox.mails.at(-1));
    await t.db.query(`UPDATE "verifications" SET "expiresAt" = now() - interval '1 second'`);
    const late = await t.call("POST", "/api/auth/reset-password", {
      body: { token, newPassword: NEW_PASSWORD },
    });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe("INVALID_TOKEN");
    expect((await signIn(t, person.email, PASSWORD)).status).toBe(200);
  });

  it("keeps the token out of paths (better-auth's GET link is closed), and limits how often one mailbox is sent one", async () => {
    const closed = await t.call("GET", "/api/auth/reset-password/some-token?callbackURL=/");
    expect(closed.status).toBe(404);
    const target = `flooded.${Date.now()}@example.org`;
    expect((await ask(target)).status).toBe(200);
    expect((await ask(target)).status).toBe(200);
    const refused = await ask(target);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
  });

  it("means owners issue no links of their own", async () => {
    const member = await t.signUp("Member");
    await t.db.query("INSERT INTO members (workspace_id, user_id, role) VALUES ($1, $2, 'editor')", [
      await firstWorkspaceOf(owner),
      member.userId,
    ]);
    const workspaceId = await firstWorkspaceOf(owner);
    const refused = await owner.api.workspaces[":workspaceId"].members[":userId"]["password-reset"].$post({
      param: { workspaceId, userId: member.userId },
    });
    expect(refused.status).toBe(409);
    expect((await refusal(refused)).code).toBe("reset_by_mail");
  });
});

describe("a reset mail's language", () => {
  let t: TTestApp;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;

  beforeAll(async () => {
    mailbox = await startMailbox();
    t = await createTestApp({ publicUrl: "https://caucus.example", smtpUrl: mailbox.url });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await mailbox.close();
  });

  /** The mail a new account is sent when it asks for a link with this Accept-Language. */
  async function mailAskedIn(acceptLanguage: string): Promise<TReceivedMail> {
    const person = await t.signUp(`Reads ${acceptLanguage}`);
    const before = mailbox.mails.length;
    const asked = await t.call("POST", "/api/auth/request-password-reset", {
      body: { email: person.email },
      headers: { "accept-language": acceptLanguage },
    });
    expect(asked.status).toBe(200);
    await expect.poll(() => mailbox.mails.length, { timeout: 10_000 }).toBe(before + 1);
    const mail = mailbox.mails.at(-1);
    if (!mail) throw new Error("no mail");
    expect(mail.to).toEqual([person.email]);
    tokenIn(mail);
    return mail;
  }

  it("is the one the page asks in: Spanish", async () => {
    const mail = await mailAskedIn("es");
    expect(mail.subject).toBe("Restablezca su contraseña de Caucus");
    expect(mail.headers.get("content-language")).toBe("es");
    expect(mail.text).toContain("abra este enlace en los próximos 30 minutos. Funciona una vez:");
    expect(mail.text).not.toContain("Someone asked");
  });

  it("is the one the page asks in: Arabic, each sentence starting with an Arabic letter (so read right to left)", async () => {
    const mail = await mailAskedIn("ar");
    expect(mail.subject).toBe("إعادة تعيين كلمة مرور Caucus");
    expect(mail.headers.get("content-language")).toBe("ar");
    expect(mail.text).toContain("افتح هذا الرابط خلال 30 دقيقة");
    const sentences = mail.text.split("\n").filter((line) => line && !line.startsWith("https://"));
    expect(sentences).toHaveLength(4);
    for (const line of sentences) expect(line).toMatch(/^\p{Script=Arabic}/u);
  });

  it("is otherwise the browser's first that the interface has", async () => {
    const mail = await mailAskedIn("de-CH, de;q=0.9, fr;q=0.8, es;q=0.7");
    expect(mail.subject).toBe("Réinitialisez votre mot de passe Caucus");
    expect(mail.headers.get("content-language")).toBe("fr");
  });

  it("is English for a language the interface lacks, or a header that names none", async () => {
    for (const acceptLanguage of ["de", "x-klingon;q=1, es;q=0", "ar;q=abc"]) {
      const mail = await mailAskedIn(acceptLanguage);
      expect(mail.subject, acceptLanguage).toBe("Reset your Caucus password");
      expect(mail.headers.get("content-language"), acceptLanguage).toBe("en");
      expect(mail.text, acceptLanguage).toContain("open this link within 30 minutes. It works once:");
    }
  });
});

describe("a reset link from an owner (no mail)", () => {
  let t: TTestApp;
  let owner: TTestPerson;
  let workspaceId: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.signUp("Owner");
    workspaceId = await firstWorkspaceOf(owner);
  }, 60_000);
  afterAll(() => t.close());

  async function member(name: string, role = "editor"): Promise<TTestPerson> {
    const person = await t.signUp(name);
    await t.db.query("INSERT INTO members (workspace_id, user_id, role) VALUES ($1, $2, $3)", [
      workspaceId,
      person.userId,
      role,
    ]);
    return person;
  }
  const issue = (by: TTestPerson, userId: string) =>
    by.api.workspaces[":workspaceId"].members[":userId"]["password-reset"].$post({
      param: { workspaceId, userId },
    });

  it("is shown once to an owner, opens the member's account once, and is audited", async () => {
    expect((await (await t.api().install.$get()).json()).passwordReset).toBe("owner");
    const forgetful = await member("Forgot it");
    const issued = await issue(owner, forgetful.userId);
    expect(issued.status).toBe(201);
    const { link, expiresAt } = await issued.json();
    expect(link).toMatch(/^http:\/\/caucus\.test\/reset-password#token=[A-Za-z0-9_-]{43}$/);
    const minutes = (Date.parse(expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);

    const token = decodeURIComponent(link.split("#token=")[1] ?? "");
    const reset = await t.call("POST", "/api/auth/reset-password", {
      body: { token, newPassword: NEW_PASSWORD },
    });
    expect(reset.status).toBe(200);
    expect((await me(t, forgetful.cookie)).status).toBe(401);
    expect((await signIn(t, forgetful.email, NEW_PASSWORD)).status).toBe(200);
    const again = await t.call("POST", "/api/auth/reset-password", {
      body: { token, newPassword: PASSWORD },
    });
    expect(again.status).toBe(400);

    expect(await auditEventsOf(owner)).toContainEqual(
      expect.objectContaining({
        action: "password_reset_link_created",
        actor: expect.objectContaining({ id: owner.userId }),
      }),
    );
  });

  it("is refused to a non-owner, for someone not a member, for oneself, and for a member who works elsewhere", async () => {
    const editor = await member("An editor");
    const target = await member("The target");
    expect((await issue(editor, target.userId)).status).toBe(403);
    const stranger = await t.signUp("Not a member");
    expect((await issue(owner, stranger.userId)).status).toBe(404);
    const self = await issue(owner, owner.userId);
    expect(self.status).toBe(400);
    expect((await refusal(self)).code).toBe("own_account");

    // The member owns a workspace of their own: a reset would open it to this owner.
    const elsewhere = await member("Also elsewhere");
    expect((await elsewhere.api.workspaces.$post({ json: { name: "Another coalition" } })).status).toBe(201);
    const refused = await issue(owner, elsewhere.userId);
    expect(refused.status).toBe(403);
    expect((await refusal(refused)).code).toBe("member_elsewhere");
    // No refusal made a token (and the one used above is gone).
    expect(await t.db.query('SELECT 1 FROM "verifications"')).toHaveLength(0);
  });

  it("without mail, asking for a link by mail is refused", async () => {
    const asked = await t.call("POST", "/api/auth/request-password-reset", { body: { email: owner.email } });
    expect(asked.status).toBe(400);
    expect(asked.body.code).toBe("RESET_PASSWORD_DISABLED");
  });
});
