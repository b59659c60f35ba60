import { deliverySettingsOf, type TCreateDocument } from "@caucus/shared";
import { documentContent, readAloudParagraphs } from "@caucus/shared/editor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestApp, firstWorkspaceOf, refusal, type TTestApp, type TTestPerson } from "../testing/app.js";

let t: TTestApp;
let coordinator: TTestPerson;
let cookie: string;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await t.signUp("Coordinator");
  cookie = coordinator.cookie;
  workspaceId = await firstWorkspaceOf(coordinator);
}, 60_000);
afterAll(() => t.close());

const docs = () => `/api/workspaces/${workspaceId}/documents`;
/** A raw request as the coordinator, for bodies no route type allows. */
const call = (method: string, path: string, body?: unknown) => t.call(method, path, { cookie, body });
const workspaceDocuments = () => coordinator.api.workspaces[":workspaceId"].documents;
const create = (json: TCreateDocument) => workspaceDocuments().$post({ param: { workspaceId }, json });
const list = async (deleted = false) =>
  (
    await (
      await workspaceDocuments().$get({ param: { workspaceId }, query: deleted ? { deleted: "true" } : {} })
    ).json()
  ).documents;
const document = () => coordinator.api.documents[":id"];

describe("documents API", () => {
  it("creates, lists, renames, deletes and restores a document", async () => {
    const created = await create({ title: "  Article 5 intervention ", kind: "intervention" });
    expect(created.status).toBe(201);
    const createdBody = await created.json();
    const { id } = createdBody.document;
    expect(createdBody.document).toMatchObject({
      title: "Article 5 intervention",
      kind: "intervention",
      deletedAt: null,
      workspaceId,
      role: "owner",
    });

    const listed = await list();
    expect(listed.map((d) => d.id)).toContain(id);

    const renamed = await document().$patch({ param: { id }, json: { title: "Art. 5" } });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).document.title).toBe("Art. 5");

    const deleted = await document().$delete({ param: { id } });
    expect(deleted.status).toBe(200);
    expect((await deleted.json()).document.deletedAt).not.toBeNull();
    expect(t.closedDocuments).toContain(id);
    expect((await document().$get({ param: { id } })).status).toBe(404);
    expect((await list()).map((d) => d.id)).not.toContain(id);
    expect((await list(true)).map((d) => d.id)).toContain(id);
    expect((await document().$patch({ param: { id }, json: { title: "x" } })).status).toBe(404);

    const restored = await document().restore.$post({ param: { id } });
    expect(restored.status).toBe(200);
    expect((await restored.json()).document.deletedAt).toBeNull();
    expect((await document().restore.$post({ param: { id } })).status).toBe(404);

    const audit = await coordinator.api.workspaces[":workspaceId"].audit.$get({
      param: { workspaceId },
      query: {},
    });
    const actions = (await audit.json()).events.map((event) => event.action);
    for (const action of ["document_created", "document_renamed", "document_deleted", "document_restored"]) {
      expect(actions).toContain(action);
    }
  });

  it("starts an intervention from the template in its language, with its delivery settings stored", async () => {
    const intervention = { language: "es", limitSeconds: 120, forum: "CDH 61", agendaItem: "Tema 3" };
    const created = await create({ title: "Tema 3", kind: "intervention", intervention });
    expect(created.status).toBe(201);
    const ydoc = new Y.Doc();
    for (const update of (await t.ctx.updates.load((await created.json()).document.id)).updates)
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
    const plain = await (await create({ title: "Plain", kind: "intervention" })).json();
    expect((await t.ctx.updates.load(plain.document.id)).updates).toEqual([]);
    const letter = await create({ title: "Letter", kind: "letter", intervention });
    expect(letter.status).toBe(400);
  });

  it("defaults the kind to notes", async () => {
    const created = await create({ title: "Minutes" });
    expect((await created.json()).document.kind).toBe("notes");
  });

  it.each([
    [{ title: "" }, "title"],
    [{ title: "x".repeat(201) }, "title"],
    [{ title: "ok", kind: "memo" }, "kind"],
    [{}, "title"],
  ])("refuses %j with a 400 naming the field", async (body, field) => {
    // Raw: an unknown kind and a missing title are bodies no route type allows.
    const response = await call("POST", docs(), body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_input");
    expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(typeof response.body.error.message).toBe("string");
  });

  it("accepts a title of exactly 200 characters", async () => {
    expect((await create({ title: "x".repeat(200) })).status).toBe(201);
  });

  it("answers malformed JSON, bad ids and unknown routes with clear 4xx", async () => {
    expect((await call("POST", docs(), "{not json")).status).toBe(400);
    expect((await document().$get({ param: { id: "not-a-uuid" } })).status).toBe(400);
    expect((await document().$get({ param: { id: "00000000-0000-4000-8000-000000000000" } })).status).toBe(
      404,
    );
    // Raw: no route has this path.
    const unknown = await call("GET", "/api/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
  });

  it("reports health with the storage driver", async () => {
    const health = await t.api().health.$get();
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
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
      const forged = t.api(cookie, { origin }).workspaces[":workspaceId"].documents;
      const response = await forged.$post({ param: { workspaceId }, json: { title: "Forged" } });
      expect(response.status).toBe(403);
      expect((await refusal(response)).code).toBe("bad_origin");
    }
    const titles = (await list()).map((d) => d.title);
    expect(titles).not.toContain("Forged");
    // Reads need no Origin.
    const read = t.api(cookie, { origin: null }).workspaces[":workspaceId"].documents;
    expect((await read.$get({ param: { workspaceId }, query: {} })).status).toBe(200);
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
    expect((await t.api(cookie).me.$get()).status).toBe(200);
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
      const preview = () => strict.api().invitations.preview.$post({ json: { token: "x".repeat(43) } });
      for (let i = 0; i < 3; i++) expect((await preview()).status).toBe(404);
      const fourth = await preview();
      expect(fourth.status).toBe(429);
      expect((await refusal(fourth)).code).toBe("rate_limited");
    } finally {
      await strict.close();
    }
  });
});
