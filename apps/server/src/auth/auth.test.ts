import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookiesOf, createTestApp, type TBody, type TTestApp, totp } from "../testing/app.js";

/**
 * better-auth under /api/auth, as wrapped by auth/routes.ts: tokens,
 * password guesses, sign-up. Its routes are not typed by Hono, so they are
 * called raw; /api/me, ours, through the typed client.
 */

const PASSWORD = "correct horse battery";

let t: TTestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t.close());

/** Every session token better-auth ever put in a cookie of `answers`, or holds now. */
async function sessionTokens(answers: { headers: Headers }[]): Promise<string[]> {
  const stored = await t.db.query<{ token: string }>('SELECT token FROM "sessions"');
  const fromCookies = answers.flatMap(({ headers }) =>
    headers
      .getSetCookie()
      .filter((cookie) => cookie.startsWith("caucus.session_token="))
      .map((cookie) => decodeURIComponent(cookie.split(";")[0]?.split("=")[1] ?? "").split(".")[0] ?? ""),
  );
  return [...stored.map((row) => row.token), ...fromCookies].filter((token) => token.length > 0);
}

/** The paths to every `token` field in `value`. */
function tokenFields(value: TBody, path = "body"): string[] {
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(key === "token" ? [`${path}.${key}`] : []),
    ...tokenFields(child, `${path}.${key}`),
  ]);
}

describe("session tokens", () => {
  it("appear in no answer of any route that returns a session, however deep", async () => {
    const answers: Record<string, { status: number; body: TBody; headers: Headers }> = {};
    const person = await t.signUp("Token holder");
    answers.signIn = await t.call("POST", "/api/auth/sign-in/email", {
      body: { email: person.email, password: PASSWORD },
    });
    let cookie = cookiesOf(answers.signIn.headers);
    answers.signUp = await t.call("POST", "/api/auth/sign-up/email", {
      body: { name: "Another", email: `another.${Date.now()}@example.org`, password: PASSWORD },
    });
    answers.getSession = await t.call("GET", "/api/auth/get-session", { cookie });
    answers.listSessions = await t.call("GET", "/api/auth/list-sessions", { cookie });
    answers.changePassword = await t.call("PUT", "/api/account/password", {
      cookie,
      body: { currentPassword: PASSWORD, newPassword: PASSWORD },
    });
    cookie = cookiesOf(answers.changePassword.headers);

    // TOTP: confirming it, then a sign-in finished by a code and by a backup code.
    const enabled = await t.call("POST", "/api/auth/two-factor/enable", {
      cookie,
      body: { password: PASSWORD },
    });
    const secret = new URL(enabled.body.totpURI).searchParams.get("secret") ?? "";
    answers.confirmTotp = await t.call("POST", "/api/auth/two-factor/verify-totp", {
      cookie,
      body: { code: totp(secret) },
    });
    const pending = async () =>
      cookiesOf(
        (
          await t.call("POST", "/api/auth/sign-in/email", {
            body: { email: person.email, password: PASSWORD },
          })
        ).headers,
      );
    answers.verifyTotp = await t.call("POST", "/api/auth/two-factor/verify-totp", {
      cookie: await pending(),
      body: { code: totp(secret) },
    });
    answers.verifyBackupCode = await t.call("POST", "/api/auth/two-factor/verify-backup-code", {
      cookie: await pending(),
      body: { code: enabled.body.backupCodes[0] },
    });

    const tokens = await sessionTokens(Object.values(answers));
    expect(tokens.length).toBeGreaterThan(5);
    for (const [route, answer] of Object.entries(answers)) {
      expect(answer.status, route).toBe(200);
      expect(tokenFields(answer.body), route).toEqual([]);
      const text = JSON.stringify(answer.body);
      for (const token of tokens) expect(text, route).not.toContain(token);
    }
    // What the answers are for is still there.
    expect(answers.getSession.body.session.userId).toBe(person.userId);
    expect(answers.listSessions.body.length).toBeGreaterThan(0);
    expect(answers.listSessions.body[0]).toHaveProperty("expiresAt");
    expect(answers.verifyTotp.body.user.email).toBe(person.email);
  });
});

describe("password guesses", () => {
  it("count on every route that checks a password, together with sign-in's, and 429 past the limit", async () => {
    const routes = [
      "sign-in",
      "account/password",
      "account/email",
      "two-factor/enable",
      "two-factor/disable",
      "two-factor/get-totp-uri",
      "two-factor/generate-backup-codes",
    ] as const;
    const strict = await createTestApp({ signInFailuresPerMinute: routes.length });
    try {
      const person = await strict.signUp("Guessed at");
      // TOTP on, so that every one of these routes gets as far as the password.
      const enabled = await strict.call("POST", "/api/auth/two-factor/enable", {
        cookie: person.cookie,
        body: { password: PASSWORD },
      });
      const secret = new URL(enabled.body.totpURI).searchParams.get("secret") ?? "";
      const confirmed = await strict.call("POST", "/api/auth/two-factor/verify-totp", {
        cookie: person.cookie,
        body: { code: totp(secret) },
      });
      expect(confirmed.status).toBe(200);
      const cookie = cookiesOf(confirmed.headers);

      const attempt = (route: (typeof routes)[number], password: string) => {
        if (route === "sign-in")
          return strict.call("POST", "/api/auth/sign-in/email", { body: { email: person.email, password } });
        if (route === "account/password")
          return strict.call("PUT", "/api/account/password", {
            cookie,
            body: { currentPassword: password, newPassword: PASSWORD },
          });
        if (route === "account/email")
          return strict.call("PUT", "/api/account/email", {
            cookie,
            body: { email: `guessed.${Date.now()}@example.org`, currentPassword: password },
          });
        return strict.call("POST", `/api/auth/${route}`, { cookie, body: { password } });
      };

      // Right passwords are not counted.
      for (const route of ["sign-in", "two-factor/get-totp-uri"] as const) {
        expect((await attempt(route, PASSWORD)).status, route).toBe(200);
      }
      for (const route of routes) {
        const wrong = await attempt(route, "not the password at all");
        expect(wrong.status, route).toBe(route === "sign-in" ? 401 : 400);
        const code = route.startsWith("account/") ? wrong.body.error.code : wrong.body.code;
        expect(code, route).toBe(
          route === "sign-in"
            ? "INVALID_EMAIL_OR_PASSWORD"
            : route.startsWith("account/")
              ? "invalid_input"
              : "INVALID_PASSWORD",
        );
      }
      // The limit is used up: every one of them now refuses, even the right password.
      for (const route of routes) {
        const refused = await attempt(route, PASSWORD);
        expect(refused.status, route).toBe(429);
        expect(refused.body.error.code, route).toBe("rate_limited");
        expect(Number(refused.headers.get("retry-after")), route).toBeGreaterThan(0);
      }
      // Nothing was done by the refused attempts: TOTP is still on.
      const me = await (await strict.api(cookie).me.$get()).json();
      expect(me.user.twoFactorEnabled).toBe(true);
    } finally {
      await strict.close();
    }
  });
});

/** `value` with every leaf replaced by its type: what two answers must share to look alike. */
function shapeOf(value: TBody): TBody {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, shapeOf(child)]));
  return value === null ? "null" : typeof value;
}

describe("sign-up", () => {
  it("answers alike whether or not the address has an account, and opens no session either way", async () => {
    const existing = await t.signUp("Already here");
    const signUp = (email: string) =>
      t.call("POST", "/api/auth/sign-up/email", {
        body: { name: "Newcomer", email, password: "another long password" },
      });
    const fresh = await signUp(`newcomer.${Date.now()}@example.org`);
    const taken = await signUp(existing.email);

    for (const answer of [fresh, taken]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.getSetCookie()).toEqual([]);
    }
    expect(shapeOf(taken.body)).toEqual(shapeOf(fresh.body));
    expect(Object.keys(taken.body.user).sort()).toEqual(Object.keys(fresh.body.user).sort());
    // Nothing of the existing account is given away, and it is untouched.
    expect(taken.body.user.id).not.toBe(existing.userId);
    expect(JSON.stringify(taken.body)).not.toContain("Already here");
    const theirs = await t.call("POST", "/api/auth/sign-in/email", {
      body: { email: existing.email, password: "another long password" },
    });
    expect(theirs.status).toBe(401);
    expect((await (await existing.api.me.$get()).json()).user.name).toBe("Already here");
  });

  it("makes an account that the same email and password then sign in to", async () => {
    const email = `signs.in.${Date.now()}@example.org`;
    const created = await t.call("POST", "/api/auth/sign-up/email", {
      body: { name: "Signs in next", email, password: PASSWORD },
    });
    expect(created.status).toBe(200);
    const signedIn = await t.call("POST", "/api/auth/sign-in/email", { body: { email, password: PASSWORD } });
    expect(signedIn.status).toBe(200);
    const me = await (await t.api(cookiesOf(signedIn.headers)).me.$get()).json();
    expect(me.user).toMatchObject({ name: "Signs in next", email });
  });
});
