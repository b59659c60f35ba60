import type { TDocument } from "@caucus/shared";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../app.js";
import { DocumentRepository } from "../../storage/DocumentRepository.js";
import { migrate } from "../../storage/migrations.js";
import { PgliteClient } from "../../storage/PgliteClient.js";
import type { SyncServer } from "../../sync/SyncServer.js";

let db: PgliteClient;
let app: ReturnType<typeof createApp>;
const closed: string[] = [];

beforeAll(async () => {
  db = await PgliteClient.open(undefined);
  await migrate(db);
  const sync = {
    closeDocument: async (id: string) => {
      closed.push(id);
    },
    storageHealthy: async () => true,
    loadedDocuments: 0,
  } as unknown as SyncServer;
  app = createApp({
    db,
    documents: new DocumentRepository(db),
    sync,
    logger: pino({ level: "silent" }),
    version: "test",
  });
});
afterAll(() => db.close());

/** The union of the API's answer shapes, loose enough for assertions. */
interface TBody {
  document: TDocument;
  documents: TDocument[];
  error: { code: string; message: string; details: { path: string }[] };
  status: string;
  storage: unknown;
}

async function call(method: string, path: string, body?: unknown) {
  const response = await app.request(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as TBody };
}

describe("documents API", () => {
  it("creates, lists, renames, deletes and restores a document", async () => {
    const created = await call("POST", "/api/documents", {
      title: "  Article 5 intervention ",
      kind: "intervention",
    });
    expect(created.status).toBe(201);
    const { id } = created.body.document;
    expect(created.body.document).toMatchObject({
      title: "Article 5 intervention",
      kind: "intervention",
      deletedAt: null,
    });

    const listed = await call("GET", "/api/documents");
    expect(listed.body.documents.map((d: { id: string }) => d.id)).toContain(id);

    const renamed = await call("PATCH", `/api/documents/${id}`, { title: "Art. 5" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.document.title).toBe("Art. 5");

    const deleted = await call("DELETE", `/api/documents/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.document.deletedAt).not.toBeNull();
    expect(closed).toContain(id);
    expect((await call("GET", `/api/documents/${id}`)).status).toBe(404);
    expect(
      (await call("GET", "/api/documents")).body.documents.map((d: { id: string }) => d.id),
    ).not.toContain(id);
    expect(
      (await call("GET", "/api/documents?deleted=true")).body.documents.map((d: { id: string }) => d.id),
    ).toContain(id);
    expect((await call("PATCH", `/api/documents/${id}`, { title: "x" })).status).toBe(404);

    const restored = await call("POST", `/api/documents/${id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.document.deletedAt).toBeNull();
    expect((await call("POST", `/api/documents/${id}/restore`)).status).toBe(404);
  });

  it("defaults the kind to notes", async () => {
    const created = await call("POST", "/api/documents", { title: "Minutes" });
    expect(created.body.document.kind).toBe("notes");
  });

  it.each([
    [{ title: "" }, "title"],
    [{ title: "x".repeat(201) }, "title"],
    [{ title: "ok", kind: "memo" }, "kind"],
    [{}, "title"],
  ])("refuses %j with a 400 naming the field", async (body, field) => {
    const response = await call("POST", "/api/documents", body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_input");
    expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(typeof response.body.error.message).toBe("string");
  });

  it("accepts a title of exactly 200 characters", async () => {
    expect((await call("POST", "/api/documents", { title: "x".repeat(200) })).status).toBe(201);
  });

  it("answers malformed JSON, bad ids and unknown routes with clear 4xx", async () => {
    const badJson = await call("POST", "/api/documents", "{not json");
    expect(badJson.status).toBe(400);
    expect((await call("GET", "/api/documents/not-a-uuid")).status).toBe(400);
    expect((await call("GET", "/api/documents/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const unknown = await call("GET", "/api/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
  });

  it("reports health with the storage driver", async () => {
    const health = await call("GET", "/api/health");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: "ok",
      version: "test",
      storage: { driver: "pglite", ok: true },
    });
  });

  it("sends a strict Content-Security-Policy", async () => {
    const response = await app.request("/api/health");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-eval");
  });
});
