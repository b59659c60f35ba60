import { deliverySettingsOf } from "@caucus/shared";
import { documentContent, readAloudParagraphs } from "@caucus/shared/editor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestApp } from "../testing/app.js";

let t: Awaited<ReturnType<typeof createTestApp>>;
let cookie: string;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  cookie = (await t.signUp("Coordinator")).cookie;
  workspaceId = (await t.call("GET", "/api/me", { cookie })).body.workspaces[0].id;
}, 60_000);
afterAll(() => t.close());

const docs = () => `/api/workspaces/${workspaceId}/documents`;
const call = (method: string, path: string, body?: unknown) => t.call(method, path, { cookie, body });

describe("documents API", () => {
  it("creates, lists, renames, deletes and restores a document", async () => {
    const created = await call("POST", docs(), { title: "  Article 5 intervention ", kind: "intervention" });
    expect(created.status).toBe(201);
    const { id } = created.body.document;
    expect(created.body.document).toMatchObject({
      title: "Article 5 intervention",
      kind: "intervention",
      deletedAt: null,
      workspaceId,
      role: "owner",
    });

    const listed = await call("GET", docs());
    expect(listed.body.documents.map((d: { id: string }) => d.id)).toContain(id);

    const renamed = await call("PATCH", `/api/documents/${id}`, { title: "Art. 5" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.document.title).toBe("Art. 5");

    const deleted = await call("DELETE", `/api/documents/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.document.deletedAt).not.toBeNull();
    expect(t.closedDocuments).toContain(id);
    expect((await call("GET", `/api/documents/${id}`)).status).toBe(404);
    expect((await call("GET", docs())).body.documents.map((d: { id: string }) => d.id)).not.toContain(id);
    expect(
      (await call("GET", `${docs()}?deleted=true`)).body.documents.map((d: { id: string }) => d.id),
    ).toContain(id);
    expect((await call("PATCH", `/api/documents/${id}`, { title: "x" })).status).toBe(404);

    const restored = await call("POST", `/api/documents/${id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.document.deletedAt).toBeNull();
    expect((await call("POST", `/api/documents/${id}/restore`)).status).toBe(404);

    const actions = (await call("GET", `/api/workspaces/${workspaceId}/audit`)).body.events.map(
      (event: { action: string }) => event.action,
    );
    for (const action of ["document_created", "document_renamed", "document_deleted", "document_restored"]) {
      expect(actions).toContain(action);
    }
  });

  it("starts an intervention from the template in its language, with its delivery settings stored", async () => {
    const intervention = { language: "es", limitSeconds: 120, forum: "CDH 61", agendaItem: "Tema 3" };
    const created = await call("POST", docs(), { title: "Tema 3", kind: "intervention", intervention });
    expect(created.status).toBe(201);
    const ydoc = new Y.Doc();
    for (const update of (await t.ctx.updates.load(created.body.document.id)).updates)
      Y.applyUpdate(ydoc, update);
    const text = documentContent(ydoc);
    expect(readAloudParagraphs(text)).toEqual(["", "Gracias, Presidencia.", "", "Gracias."]);
    const settings = deliverySettingsOf(ydoc);
    expect(settings).toMatchObject({
      language: "es",
      limit: { mode: "time", seconds: 120 },
      forum: "CDH 61",
      agendaItem: "Tema 3",
    });

    // Without details, or for another kind, the document starts empty; details on a letter are refused.
    const plain = await call("POST", docs(), { title: "Plain", kind: "intervention" });
    expect((await t.ctx.updates.load(plain.body.document.id)).updates).toEqual([]);
    const letter = await call("POST", docs(), { title: "Letter", kind: "letter", intervention });
    expect(letter.status).toBe(400);
  });

  it("defaults the kind to notes", async () => {
    const created = await call("POST", docs(), { title: "Minutes" });
    expect(created.body.document.kind).toBe("notes");
  });

  it.each([
    [{ title: "" }, "title"],
    [{ title: "x".repeat(201) }, "title"],
    [{ title: "ok", kind: "memo" }, "kind"],
    [{}, "title"],
  ])("refuses %j with a 400 naming the field", async (body, field) => {
    const response = await call("POST", docs(), body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_input");
    expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(typeof response.body.error.message).toBe("string");
  });

  it("accepts a title of exactly 200 characters", async () => {
    expect((await call("POST", docs(), { title: "x".repeat(200) })).status).toBe(201);
  });

  it("answers malformed JSON, bad ids and unknown routes with clear 4xx", async () => {
    expect((await call("POST", docs(), "{not json")).status).toBe(400);
    expect((await call("GET", "/api/documents/not-a-uuid")).status).toBe(400);
    expect((await call("GET", "/api/documents/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const unknown = await call("GET", "/api/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
  });

  it("reports health with the storage driver", async () => {
    const health = await t.call("GET", "/api/health");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: "ok",
      version: "test",
      storage: { driver: "pglite", ok: true },
    });
  });
});

describe("web hardening", () => {
  it("sends a strict Content-Security-Policy", async () => {
    const response = await t.app.request("/api/health");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain("unsafe-eval");
  });

  it("refuses cookie-authenticated writes from another origin or with none (CSRF)", async () => {
    for (const origin of ["https://evil.example", null, "null"]) {
      const response = await t.call("POST", docs(), { cookie, body: { title: "Forged" }, origin });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe("bad_origin");
    }
    const titles = (await call("GET", docs())).body.documents.map((d: { title: string }) => d.title);
    expect(titles).not.toContain("Forged");
    // Reads need no Origin.
    expect((await t.call("GET", docs(), { cookie, origin: null })).status).toBe(200);
  });

  it("keeps the session in an HttpOnly, SameSite cookie, Secure behind https", async () => {
    const plain = (await t.signUp("Cookie check")).setCookie.join("\n");
    expect(plain).toMatch(/HttpOnly/i);
    expect(plain).toMatch(/SameSite=Lax/i);
    expect(plain).not.toMatch(/;\s*Secure/i);
    const https = await createTestApp({ publicUrl: "https://caucus.example.org" });
    try {
      const secure = (await https.signUp("Secure cookie check")).setCookie;
      expect(secure.length).toBeGreaterThan(0);
      for (const cookie of secure) {
        expect(cookie).toMatch(/;\s*Secure/i);
        expect(cookie).toMatch(/HttpOnly/i);
      }
    } finally {
      await https.close();
    }
  });

  it("never puts the session token in a response body, only in the HttpOnly cookie", async () => {
    const person = await t.signUp("Token check");
    const signedIn = await t.call("POST", "/api/auth/sign-in/email", {
      body: { email: person.email, password: "correct horse battery" },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.email).toBe(person.email);
    expect(signedIn.body).not.toHaveProperty("token");
    const cookie = signedIn.headers
      .getSetCookie()
      .map((header) => header.split(";")[0])
      .join("; ");
    const session = cookie.split("=")[1]?.split(".")[0] ?? "";
    expect(session.length).toBeGreaterThan(10);
    expect(JSON.stringify(signedIn.body)).not.toContain(session);
    expect((await t.call("GET", "/api/me", { cookie })).status).toBe(200);
  });

  it("throttles the 11th wrong password in a minute from one address", async () => {
    const strict = await createTestApp({ signInFailuresPerMinute: 10 });
    try {
      const person = await strict.signUp("Target");
      const attempt = (password: string) =>
        strict.call("POST", "/api/auth/sign-in/email", { body: { email: person.email, password } });
      for (let i = 1; i <= 10; i++) expect((await attempt(`wrong password ${i}`)).status).toBe(401);
      const eleventh = await attempt("wrong password 11");
      expect(eleventh.status).toBe(429);
      expect(eleventh.body.error.code).toBe("rate_limited");
      expect(Number(eleventh.headers.get("retry-after"))).toBeGreaterThan(0);
      // The right password is throttled too for that minute: the guesser cannot tell.
      expect((await attempt("correct horse battery")).status).toBe(429);
    } finally {
      await strict.close();
    }
  });

  it("lets nine wrong passwords pass and still signs in with the right one", async () => {
    const strict = await createTestApp({ signInFailuresPerMinute: 10 });
    try {
      const person = await strict.signUp("Forgetful");
      const attempt = (password: string) =>
        strict.call("POST", "/api/auth/sign-in/email", { body: { email: person.email, password } });
      for (let i = 1; i <= 9; i++) expect((await attempt(`wrong ${i}`)).status).toBe(401);
      expect((await attempt("correct horse battery")).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it("limits new accounts per address per hour, at the edge", async () => {
    const strict = await createTestApp({ signUpsPerHour: 3 });
    try {
      for (let i = 0; i < 3; i++) await strict.signUp();
      const fourth = await strict.call("POST", "/api/auth/sign-up/email", {
        body: { name: "One too many", email: "fourth@example.org", password: "correct horse battery" },
      });
      expect(fourth.status).toBe(429);
      expect(fourth.body.error.code).toBe("rate_limited");
      const users = await strict.db.query<{ email: string }>('SELECT email FROM "users"');
      expect(users.map((user) => user.email)).not.toContain("fourth@example.org");
    } finally {
      await strict.close();
    }
  });

  it("limits invitation link lookups per address per minute, at the edge", async () => {
    const strict = await createTestApp({ invitationLookupsPerMinute: 3 });
    try {
      const preview = () =>
        strict.call("POST", "/api/invitations/preview", { body: { token: "x".repeat(43) } });
      for (let i = 0; i < 3; i++) expect((await preview()).status).toBe(404);
      const fourth = await preview();
      expect(fourth.status).toBe(429);
      expect(fourth.body.error.code).toBe("rate_limited");
    } finally {
      await strict.close();
    }
  });
});
