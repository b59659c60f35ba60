import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DocumentRepository } from "../documents/DocumentRepository.js";
import type { PgliteClient } from "../platform/db/PgliteClient.js";
import { insertTestWorkspace, openTestDatabase } from "../testing/database.js";
import { RoomStore } from "./RoomStore.js";
import { StoreScheduler } from "./StoreScheduler.js";
import { UpdateLog } from "./UpdateLog.js";

const logger = pino({ level: "silent" });

let db: PgliteClient;
let log: UpdateLog;
let DOC_ID: string;
let workspaceId: string;

// One embedded database per file (opening one takes seconds); a fresh document per test.
beforeAll(async () => {
  db = await openTestDatabase();
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
    onStored: (vector) => stored.push(vector),
  });
  let seq = 0;
  doc.on("update", (update: Uint8Array) => store.markDirty(update, "self", ++seq));
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
    // One row: the updates are merged in place every 500, never kept as 50,000.
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
          onStored: () => {},
        });
        doc.on("update", (update: Uint8Array) => store.markDirty(update, "self", 1));
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

  it("keeps, when compacting, rows another instance wrote that this room never saw", async () => {
    const doc = new Y.Doc();
    // Folds once this room has written twice (it counts only its own rows).
    const { store } = storeFor(doc, { compactAfter: 1 });
    doc.getText("t").insert(0, "ours ");
    await store.flush();
    // Another instance stored an edit while Redis was away: this room's memory lacks it.
    const theirs = new Y.Doc();
    theirs.getText("t").insert(0, "theirs ");
    await log.append(DOC_ID, Y.encodeStateAsUpdate(theirs));
    doc.getText("t").insert(0, "more ");
    await store.flush();
    expect(await log.count(DOC_ID)).toBe(1);
    const text = (await reload()).getText("t").toString();
    expect(text).toContain("theirs");
    expect(text).toContain("ours");
    expect(text).toContain("more");
  });

  it("says which edits each write covered, including after a failed attempt", async () => {
    const covered: Map<string, number>[] = [];
    let failNext = true;
    const flaky = Object.create(log) as UpdateLog;
    flaky.append = async (id, update) => {
      if (failNext) {
        failNext = false;
        throw new Error("database away");
      }
      return log.append(id, update);
    };
    const doc = new Y.Doc();
    const store = new RoomStore({
      documentId: DOC_ID,
      doc,
      log: flaky,
      logger,
      scheduler: new StoreScheduler(flaky, 10_000, logger),
      compactAfter: 100,
      initialRows: 0,
      onStored: () => {},
      onWritten: (map) => covered.push(new Map(map)),
    });
    const edit = (text: string) => {
      const other = new Y.Doc();
      other.getText("t").insert(0, text);
      return Y.encodeStateAsUpdate(other);
    };
    store.markDirty(edit("a"), "self", 4);
    store.markDirty(edit("b"), "self", 7);
    store.markDirty(edit("c"), "dead-instance", 12);
    await expect(store.flush()).rejects.toThrow("database away");
    expect(covered).toEqual([]);
    store.markDirty(edit("d"), "self", 9);
    await store.flush();
    expect(covered).toEqual([
      new Map([
        ["self", 9],
        ["dead-instance", 12],
      ]),
    ]);
  });

  it("shows a deletion stored by its mark, which a state vector cannot: not by a write begun before it, by the next", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = Object.create(log) as UpdateLog;
    slow.append = async (id, update) => {
      await gate;
      return log.append(id, update);
    };
    const doc = new Y.Doc();
    const { store, stored } = storeFor(doc, { log: slow });
    doc.getText("t").insert(0, "Cut this");
    const first = store.flush();
    doc.getText("t").delete(0, "Cut ".length);
    const deletion = store.mark;
    release();
    await first;
    // The vector covers the document as it is, deletion and all; the mark does not.
    expect(stored.at(-1)).toEqual(Y.encodeStateVector(doc));
    expect(store.storedMark).toBeLessThan(deletion);
    await store.flush();
    expect(store.storedMark).toBe(deletion);
    expect((await reload()).getText("t").toString()).toBe("this");
  });

  it("never tells clients an edit is stored while another instance still holds it unstored", async () => {
    const doc = new Y.Doc();
    const stored: Uint8Array[] = [];
    let unconfirmed: Map<number, number> | undefined;
    const store = new RoomStore({
      documentId: DOC_ID,
      doc,
      log,
      logger,
      scheduler: new StoreScheduler(log, 10_000, logger),
      compactAfter: 100,
      initialRows: 0,
      onStored: (vector) => stored.push(vector),
      unconfirmed: () => unconfirmed,
    });
    // A remote client's edit arrived from another instance: not ours to store.
    const remote = new Y.Doc();
    remote.getText("t").insert(0, "relayed");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    unconfirmed = new Map([[remote.clientID, 0]]);
    // Then our own client typed.
    let seq = 0;
    doc.on("update", (update: Uint8Array) => store.markDirty(update, "self", ++seq));
    doc.getText("t").insert(0, "local ");
    await store.flush();
    const afterWrite = Y.decodeStateVector(stored.at(-1) as Uint8Array);
    expect(afterWrite.get(doc.clientID)).toBe(6);
    expect(afterWrite.get(remote.clientID) ?? 0).toBe(0);
    // The other instance says it stored its edit: now clients may hear it.
    unconfirmed = undefined;
    store.refreshStored();
    expect(Y.decodeStateVector(stored.at(-1) as Uint8Array).get(remote.clientID)).toBe(7);
  });

  it("announces a confirmation that arrived while its own write was running", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = Object.create(log) as UpdateLog;
    slow.append = async (id, update) => {
      await gate;
      return log.append(id, update);
    };
    const doc = new Y.Doc();
    const stored: Uint8Array[] = [];
    let unconfirmed: Map<number, number> | undefined;
    const store = new RoomStore({
      documentId: DOC_ID,
      doc,
      log: slow,
      logger,
      scheduler: new StoreScheduler(slow, 10_000, logger),
      compactAfter: 100,
      initialRows: 0,
      onStored: (vector) => stored.push(vector),
      unconfirmed: () => unconfirmed,
    });
    const remote = new Y.Doc();
    remote.getText("t").insert(0, "relayed");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    unconfirmed = new Map([[remote.clientID, 0]]);
    doc.on("update", (update: Uint8Array) => store.markDirty(update, "self", 1));
    doc.getText("t").insert(0, "local ");
    const flushing = store.flush();
    // The other instance confirms while our write is still running.
    unconfirmed = undefined;
    store.refreshStored();
    release();
    await flushing;
    expect(Y.decodeStateVector(stored.at(-1) as Uint8Array).get(remote.clientID)).toBe(7);
  });
});
