import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CloseCode } from "@caucus/shared";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { LocalAccessChanges } from "../auth/AccessChanges.js";
import type { DocumentRepository, TDocumentRecord } from "../storage/DocumentRepository.js";
import type { UpdateLog } from "../storage/UpdateLog.js";
import { encodeUpdate } from "./messages.js";
import { SyncServer, type SyncServerOptions } from "./SyncServer.js";
import { editorIdentity } from "./testing.js";

/**
 * SyncServer on a real HTTP server and real sockets, over storage that the
 * test controls (when a document finishes loading). Storage itself is
 * covered by RoomStore.test and the cross-process suites in tests/.
 */
const running: { http: Server; sync: SyncServer }[] = [];
afterEach(async () => {
  for (const { http, sync } of running.splice(0)) {
    await sync.close();
    await new Promise((resolve) => http.close(resolve));
  }
});

async function start(options: Partial<SyncServerOptions>, loadGate: Promise<void> = Promise.resolve()) {
  const documents = {
    find: async (id: string): Promise<TDocumentRecord> => {
      await loadGate;
      const now = new Date().toISOString();
      return {
        id,
        title: "t",
        kind: "notes",
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        workspaceId: null,
      };
    },
  } as unknown as DocumentRepository;
  const log = {
    load: async () => ({ updates: [], lastSeq: 0 }),
    append: async () => 1,
    appendMany: async (entries: { documentId: string }[]) => new Map(entries.map((e) => [e.documentId, 1])),
    compact: async () => 1,
  } as unknown as UpdateLog;
  const sync = new SyncServer({
    documents,
    log,
    logger: pino({ level: "silent" }),
    maxMessageBytes: 1 << 20,
    maxDocumentBytes: 1 << 26,
    storeDelayMs: 50,
    compactAfter: 100,
    maxQueuedMessages: 1000,
    maxBufferedBytes: 16 << 20,
    admit: async () => ({ ok: true, identity: editorIdentity }),
    accessChanges: new LocalAccessChanges(),
    ...options,
  });
  const http = createServer();
  http.on("upgrade", sync.handleUpgrade);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  running.push({ http, sync });
  return { sync, url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/sync/` };
}

function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once("close", (code) => resolve(code)));
}

/** `count` update frames that each insert one character. */
function updateFrames(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const frames: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => frames.push(encodeUpdate(update)));
  for (let i = 0; i < count; i++) doc.getText("t").insert(i, "x");
  return frames;
}

describe("SyncServer limits", () => {
  it("queues up to MAX_QUEUED_MESSAGES frames while a document loads, and closes with 1013 past it", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { url, sync } = await start({ maxQueuedMessages: 20 }, gate);
    const atLimit = await open(url + randomUUID());
    const overLimit = await open(url + randomUUID());
    const overClosed = closed(overLimit);
    for (const frame of updateFrames(20)) atLimit.send(frame);
    for (const frame of updateFrames(21)) overLimit.send(frame);
    expect(await overClosed).toBe(CloseCode.tryAgainLater);

    // The socket at the limit is served in full once its document loads.
    const received: Buffer[] = [];
    atLimit.on("message", (data: Buffer) => received.push(data));
    release();
    await expect.poll(() => sync.loadedDocuments, { timeout: 5_000 }).toBe(1);
    expect(atLimit.readyState).toBe(WebSocket.OPEN);
    await expect.poll(() => received.length, { timeout: 5_000 }).toBeGreaterThan(0);
    atLimit.close();
  });

  it("closes with 1013 a socket that stops reading while others keep sending", async () => {
    const { url } = await start({ maxBufferedBytes: 64 * 1024 });
    const room = url + randomUUID();
    const stalled = await open(room);
    const writer = await open(room);
    const stalledClosed = closed(stalled);
    // The stalled client stops reading: the kernel buffers fill, then ours.
    (stalled as unknown as { _socket: { pause(): void } })._socket.pause();
    const doc = new Y.Doc();
    doc.on("update", (update: Uint8Array) => writer.send(encodeUpdate(update)));
    const chunk = "y".repeat(64 * 1024);
    let code: number | undefined;
    void stalledClosed.then((value) => {
      code = value;
    });
    for (let i = 0; i < 400 && code === undefined; i++) {
      doc.getText("t").insert(0, chunk);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    (stalled as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await stalledClosed).toBe(CloseCode.tryAgainLater);
    expect(writer.readyState).toBe(WebSocket.OPEN);
    writer.close();
  });
});
