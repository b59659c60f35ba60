import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DocumentRepository } from "../storage/DocumentRepository.js";
import { migrate } from "../storage/migrations.js";
import { PgliteClient } from "../storage/PgliteClient.js";
import { insertTestWorkspace } from "../storage/testing.js";
import { UpdateLog } from "../storage/UpdateLog.js";
import { RoomStore } from "./RoomStore.js";
import { StoreScheduler } from "./StoreScheduler.js";

const logger = pino({ level: "silent" });

let db: PgliteClient;
let log: UpdateLog;
let DOC_ID: string;
let workspaceId: string;

// One embedded database per file (opening one takes seconds); a fresh document per test.
beforeAll(async () => {
  db = await PgliteClient.open(undefined);
  await migrate(db);
  log = new UpdateLog(db);
  workspaceId = await insertTestWorkspace(db);
});
afterAll(() => db.close());
beforeEach(async () => {
  DOC_ID = randomUUID();
  await new DocumentRepository(db).create({ id: DOC_ID, title: "Draft", kind: "statement", workspaceId });
});

function storeFor(
  doc: Y.Doc,
  options: Partial<{ compactAfter: number; delayMs: number; log: UpdateLog }> = {},
) {
  const stored: Uint8Array[] = [];
  const store = new RoomStore({
    documentId: DOC_ID,
    doc,
    log: options.log ?? log,
    logger,
    scheduler: new StoreScheduler(options.log ?? log, options.delayMs ?? 10_000, logger),
    compactAfter: options.compactAfter ?? 100,
    initialRows: 0,
    initialSeq: 0,
    onStored: (vector) => stored.push(vector),
  });
  doc.on("update", (update: Uint8Array) => store.markDirty(update));
  return { store, stored };
}

async function reload(): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of (await log.load(DOC_ID)).updates) Y.applyUpdate(doc, update);
  return doc;
}

describe("RoomStore", () => {
  it("stores a burst of edits as one row and reports what it stored", async () => {
    const doc = new Y.Doc();
    const { store, stored } = storeFor(doc);
    const text = doc.getText("t");
    for (let i = 0; i < 300; i++) text.insert(i, "x");
    expect(store.pending).toBe(true);
    await store.flush();
    expect(await log.count(DOC_ID)).toBe(1);
    expect(stored).toHaveLength(1);
    expect(Y.decodeStateVector(stored[0] as Uint8Array)).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(doc)),
    );
    expect((await reload()).getText("t").toString()).toBe("x".repeat(300));
    expect(store.pending).toBe(false);
    // The list orders documents by their last stored edit.
    const document = await new DocumentRepository(db).find(DOC_ID);
    expect(Date.parse(document?.updatedAt ?? "")).toBeGreaterThan(Date.parse(document?.createdAt ?? ""));
  });

  it("stores within the delay without being asked", async () => {
    const doc = new Y.Doc();
    const { stored } = storeFor(doc, { delayMs: 20 });
    doc.getText("t").insert(0, "auto");
    await expect.poll(() => stored.length, { timeout: 5_000 }).toBe(1);
    expect((await reload()).getText("t").toString()).toBe("auto");
  });

  it("writes 50,000 one-character updates in a bounded number of rows", async () => {
    const doc = new Y.Doc();
    const { store } = storeFor(doc);
    const text = doc.getText("t");
    for (let i = 0; i < 50_000; i++) text.insert(i, String.fromCharCode(97 + (i % 26)));
    await store.flush();
    // One diff against the last stored state vector, not 50,000 merged updates.
    expect(await log.count(DOC_ID)).toBe(1);
    expect((await reload()).getText("t").toString()).toBe(text.toString());
  });

  it("writes a small edit as the merged updates, not the whole delete set again", async () => {
    const doc = new Y.Doc();
    const { store } = storeFor(doc);
    const text = doc.getText("t");
    text.insert(0, "x".repeat(2_000));
    for (let i = 1_000; i > 0; i--) text.delete(i * 2 - 1, 1);
    await store.flush();
    const before = Y.encodeStateVector(doc);
    text.insert(0, "!");
    await store.flush();
    const rows = await db.query<{ data: Uint8Array }>(
      "SELECT data FROM document_updates WHERE document_id = $1 ORDER BY seq",
      [DOC_ID],
    );
    expect(rows).toHaveLength(2);
    // A state-vector diff would carry the 1,000 deletions again.
    expect(Y.encodeStateAsUpdate(doc, before).byteLength).toBeGreaterThan(1_000);
    expect(rows[1]?.data.byteLength).toBeLessThan(50);
    expect((await reload()).getText("t").toString()).toBe(text.toString());
  });

  it("compacts the log into one snapshot that reloads to the same document", async () => {
    const doc = new Y.Doc();
    const { store } = storeFor(doc, { compactAfter: 3 });
    const text = doc.getText("t");
    for (let round = 0; round < 5; round++) {
      text.insert(text.length, `round ${round}. `);
      if (round === 2) text.delete(0, 3);
      await store.flush();
      expect(await log.count(DOC_ID)).toBeLessThanOrEqual(3);
    }
    const rows = await db.query<{ is_snapshot: boolean }>(
      "SELECT is_snapshot FROM document_updates WHERE document_id = $1 ORDER BY seq",
      [DOC_ID],
    );
    expect(rows[0]?.is_snapshot).toBe(true);
    expect((await reload()).getText("t").toString()).toBe(text.toString());
  });

  it("writes the dirty documents of one window in a single statement", async () => {
    const statements: number[] = [];
    const counting = Object.create(log) as UpdateLog;
    counting.appendMany = async (entries) => {
      statements.push(entries.length);
      return log.appendMany(entries);
    };
    const scheduler = new StoreScheduler(counting, 30, logger);
    const docs = await Promise.all(
      [0, 1, 2].map(async (n) => {
        const id = randomUUID();
        await new DocumentRepository(db).create({ id, title: `Doc ${n}`, kind: "notes", workspaceId });
        const doc = new Y.Doc();
        const store = new RoomStore({
          documentId: id,
          doc,
          log: counting,
          logger,
          scheduler,
          compactAfter: 100,
          initialRows: 0,
          initialSeq: 0,
          onStored: () => {},
        });
        doc.on("update", (update: Uint8Array) => store.markDirty(update));
        return { id, doc, store };
      }),
    );
    for (const { doc } of docs) doc.getText("t").insert(0, "text");
    await expect.poll(() => docs.every(({ store }) => !store.pending), { timeout: 5_000 }).toBe(true);
    expect(statements).toEqual([3]);
    for (const { id } of docs) expect(await log.count(id)).toBe(1);
  });

  it("keeps edits and retries when storage fails, then stores them", async () => {
    let failuresLeft = 2;
    const flaky = Object.create(log) as UpdateLog;
    flaky.append = async (id, update) => {
      if (failuresLeft-- > 0) throw new Error("database away");
      return log.append(id, update);
    };
    flaky.appendMany = async (entries) => {
      if (failuresLeft-- > 0) throw new Error("database away");
      return log.appendMany(entries);
    };
    const doc = new Y.Doc();
    const { store } = storeFor(doc, { log: flaky, delayMs: 5 });
    doc.getText("t").insert(0, "keep me");
    await expect(store.flush()).rejects.toThrow("database away");
    expect(store.failing).toBe(true);
    expect(store.pending).toBe(true);
    await expect.poll(() => store.failing, { timeout: 10_000 }).toBe(false);
    expect((await reload()).getText("t").toString()).toBe("keep me");
  });
});
