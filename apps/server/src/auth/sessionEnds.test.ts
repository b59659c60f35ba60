import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../testing/app.js";
import { isDocumentChange, type TAccessChange } from "./AccessChanges.js";

/**
 * Every better-auth route that ends sessions tells the AccessChanges bus,
 * one change per ended session (so only that session's sockets and streams
 * close), through the session-deletion hook rather than a list of paths.
 */

const PASSWORD = "correct horse battery";

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t.close());

interface TSession {
  id: string;
  token: string;
  cookie: string;
}

async function signIn(email: string): Promise<string> {
  const response = await t.call("POST", "/api/auth/sign-in/email", { body: { email, password: PASSWORD } });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
}

/** A new person signed in on three devices, oldest session first. */
async function threeDevices(): Promise<{ userId: string; sessions: TSession[] }> {
  const person = await t.signUp("Three devices");
  const cookies = [person.cookie, await signIn(person.email), await signIn(person.email)];
  const rows = await t.db.query<{ id: string; token: string }>(
    'SELECT "id", "token" FROM "sessions" WHERE "userId" = $1 ORDER BY "createdAt"',
    [person.userId],
  );
  expect(rows).toHaveLength(3);
  return {
    userId: person.userId,
    sessions: rows.map((row, index) => ({ ...row, cookie: cookies[index] as string })),
  };
}

/** Each route, called from the first device; which devices' sessions it ends; whether the caller's is renewed. */
const routes: [
  string,
  (sessions: TSession[]) => { method?: string; path: string; body: unknown },
  number[],
  boolean,
][] = [
  ["sign-out", () => ({ path: "/api/auth/sign-out", body: {} }), [0], false],
  [
    "revoke-session",
    (sessions) => ({ path: "/api/auth/revoke-session", body: { token: sessions[1]?.token } }),
    [1],
    false,
  ],
  ["revoke-other-sessions", () => ({ path: "/api/auth/revoke-other-sessions", body: {} }), [1, 2], false],
  ["revoke-sessions", () => ({ path: "/api/auth/revoke-sessions", body: {} }), [0, 1, 2], false],
  [
    "a password change (PUT /api/account/password, always ending the other sessions)",
    () => ({
      method: "PUT",
      path: "/api/account/password",
      body: { currentPassword: PASSWORD, newPassword: "another long password" },
    }),
    [1, 2],
    true,
  ],
  [
    "two-factor/disable",
    () => ({ path: "/api/auth/two-factor/disable", body: { password: PASSWORD } }),
    [],
    true,
  ],
];

describe("routes that end sessions", () => {
  it.each(routes)(
    "%s publishes the end of exactly the sessions it ends",
    async (_name, request, ended, renews) => {
      const { userId, sessions } = await threeDevices();
      const changes: TAccessChange[] = [];
      const unsubscribe = t.ctx.accessChanges.subscribe(
        (change) => isDocumentChange(change) || changes.push(change),
      );
      try {
        const { method = "POST", path, body } = request(sessions);
        const response = await t.call(method, path, { cookie: sessions[0]?.cookie, body });
        expect(response.status).toBe(200);
      } finally {
        unsubscribe();
      }
      const live = await t.db.query<{ id: string }>('SELECT "id" FROM "sessions" WHERE "userId" = $1', [
        userId,
      ]);
      const liveIds = new Set(live.map((row) => row.id));
      const endedIds = ended.map((index) => sessions[index]?.id);
      for (const id of endedIds) expect(liveIds.has(id as string)).toBe(false);

      const signedOut = changes.filter((change) => change.reason === "signed_out");
      expect(signedOut.map((change) => change.sessionId).sort()).toEqual([...endedIds].sort());
      for (const change of signedOut) expect(change.userId).toBe(userId);

      const renewals = changes.filter((change) => change.reason === "session_renewed");
      if (renews) {
        expect(renewals).toHaveLength(1);
        expect(renewals[0]).toMatchObject({ userId, sessionId: sessions[0]?.id });
        expect(liveIds.has(renewals[0]?.renewedAs as string)).toBe(true);
      } else {
        expect(renewals).toEqual([]);
      }
    },
  );
});
