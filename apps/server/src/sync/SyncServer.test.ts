import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { CloseCode } from "@caucus/shared";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { LocalAccessChanges } from "../auth/AccessChanges.js";
import type { DocumentRepository, TDocumentRecord } from "../documents/DocumentRepository.js";
import { editorIdentity, SYNC_STEP_1_EMPTY } from "../testing/sockets.js";
import { MemoryClaimStore } from "./ClientClaims.js";
import { DocumentRoom } from "./DocumentRoom.js";
import { encodeUpdate } from "./messages.js";
import { SyncServer, type SyncServerOptions } from "./SyncServer.js";
import type { UpdateLog } from "./UpdateLog.js";

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
  const claims = new MemoryClaimStore();
  const sync = new SyncServer({
    documents,
    log,
    clients: {
      owners: async (_id, ids) => claims.owners(ids),
      claim: async (_id, ids, userId) => claims.claim(ids, userId),
    },
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
    // The writer sends far over the default byte rate: this test is about the slow reader.
    const { url } = await start({ maxBufferedBytes: 64 * 1024, limits: { bytesPerSecond: 256 << 20 } });
    const room = url + randomUUID();
    const stalled = await open(room);
    // It asks for the document first, as every client does: only then is it sent others' edits.
    const answered = new Promise<void>((resolve) => {
      // Sync step 2 ([0, 1, …]): the server's answer (its own step 1 may have come with the handshake).
      stalled.on("message", (data: Buffer) => {
        if (data[0] === 0 && data[1] === 1) resolve();
      });
    });
    stalled.send(SYNC_STEP_1_EMPTY);
    await answered;
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

  /** Opens a socket that records every frame from the first (which may come with the handshake). */
  async function openRecording(url: string): Promise<WebSocket & { frames: Buffer[] }> {
    const ws = new WebSocket(url) as WebSocket & { frames: Buffer[] };
    ws.frames = [];
    ws.on("message", (data: Buffer) => ws.frames.push(data));
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    return ws;
  }
  /** Waits until `ws` has received `count` frames in all. */
  async function received(ws: WebSocket & { frames: Buffer[] }, count: number): Promise<void> {
    await expect.poll(() => ws.frames.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(count);
  }
  /** y-protocols' query-awareness message: one byte, always answered. */
  const QUERY_AWARENESS = new Uint8Array([3]);
  /** An auth message of exactly `bytes` bytes, which the server reads and ignores. */
  function authFrame(bytes: number): Uint8Array {
    // type (1) + permission type (1) + length (2 bytes for 128..16383) + reason.
    const reason = "r".repeat(bytes - 4);
    return new Uint8Array([2, 0, (reason.length & 0x7f) | 0x80, reason.length >> 7, ...Buffer.from(reason)]);
  }

  it("lets one socket send ten seconds' worth of frames at once and closes it with 1013 at the next", async () => {
    // 0.5 a second: bursts of 5, and a new one only every 2 s.
    const { url } = await start({ limits: { messagesPerSecond: 0.5 } });
    const room = url + randomUUID();
    const sender = await openRecording(room);
    const sent = closed(sender);
    await received(sender, 1);
    for (let i = 0; i < 5; i++) sender.send(QUERY_AWARENESS);
    // Each query is answered: all five were handled.
    await received(sender, 6);
    expect(sender.readyState).toBe(WebSocket.OPEN);
    sender.send(QUERY_AWARENESS);
    expect(await sent).toBe(CloseCode.tryAgainLater);
    // Another socket has its own budget.
    const other = await openRecording(room);
    other.send(QUERY_AWARENESS);
    await received(other, 2);
    expect(other.readyState).toBe(WebSocket.OPEN);
    other.close();
  });

  it("lets one socket send its byte budget at once and closes it with 1013 one byte past it", async () => {
    // 1 byte a second: the burst is the largest frame, 4 KiB.
    const { url } = await start({ maxMessageBytes: 4096, limits: { bytesPerSecond: 1 } });
    const sender = await openRecording(url + randomUUID());
    const sent = closed(sender);
    await received(sender, 1);
    sender.send(authFrame(4095));
    sender.send(QUERY_AWARENESS);
    await received(sender, 2);
    expect(sender.readyState).toBe(WebSocket.OPEN);
    sender.send(QUERY_AWARENESS);
    expect(await sent).toBe(CloseCode.tryAgainLater);
  });

  it("answers sync step 1 up to two whole documents' worth at once and closes with 1013 at the next", async () => {
    // Bursts of 2 x 10,000 bytes; 1 byte a second refills nothing that matters here.
    const { url } = await start({ maxDocumentBytes: 10_000, limits: { answerBytesPerSecond: 1 } });
    const room = url + randomUUID();
    const writer = await openRecording(room);
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "w".repeat(4_500));
    writer.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    // The 4-byte request for everything: sync, step 1, an empty state vector.
    const askAll = Uint8Array.of(0, 0, 1, 0);
    const asker = await openRecording(room);
    const refused = closed(asker);
    await received(asker, 1);
    const greeting = asker.frames.length;
    asker.send(askAll);
    await received(asker, greeting + 1);
    const answerBytes = (asker.frames.at(-1) as Buffer).byteLength;
    expect(answerBytes).toBeGreaterThan(4_500);
    const fits = Math.floor(20_000 / answerBytes);
    for (let i = 1; i < fits; i++) asker.send(askAll);
    await received(asker, greeting + fits);
    expect(asker.readyState).toBe(WebSocket.OPEN);
    asker.send(askAll);
    expect(await refused).toBe(CloseCode.tryAgainLater);
    expect(asker.frames.length).toBe(greeting + fits);
    // Asking for what it lacks (its own state vector) costs a socket next to nothing.
    const current = Y.encodeStateVector(doc);
    const before = writer.frames.length;
    writer.send(Uint8Array.of(0, 0, current.byteLength, ...current));
    await received(writer, before + 1);
    expect((writer.frames.at(-1) as Buffer).byteLength).toBeLessThan(10);
    expect(writer.readyState).toBe(WebSocket.OPEN);
    writer.close();
  });

  it("shares one address's frame budget among its sockets", async () => {
    const { url } = await start({ limits: { addressMessagesPerSecond: 0.5 } });
    const first = await openRecording(url + randomUUID());
    const second = await openRecording(url + randomUUID());
    const secondClosed = closed(second);
    await received(first, 1);
    await received(second, 1);
    for (let i = 0; i < 3; i++) first.send(QUERY_AWARENESS);
    await received(first, 4);
    for (let i = 0; i < 2; i++) second.send(QUERY_AWARENESS);
    await received(second, 3);
    second.send(QUERY_AWARENESS);
    expect(await secondClosed).toBe(CloseCode.tryAgainLater);
    expect(first.readyState).toBe(WebSocket.OPEN);
    first.close();
  });

  it("opens CONNECTIONS_PER_ADDRESS sockets from one address, refuses the next with 1013, and opens one once one closes", async () => {
    const { url, sync } = await start({ limits: { connectionsPerAddress: 3 } });
    const room = url + randomUUID();
    const sockets = [await open(room), await open(room), await open(room)];
    const refused = await open(room);
    const reason = new Promise<string>((resolve) =>
      refused.once("close", (_code, why: Buffer) => resolve(why.toString())),
    );
    expect(await closed(refused)).toBe(CloseCode.tryAgainLater);
    expect(await reason).toMatch(/too many connections/);
    expect(sockets.every((ws) => ws.readyState === WebSocket.OPEN)).toBe(true);
    const gone = closed(sockets[0] as WebSocket);
    sockets[0]?.close();
    await gone;
    await expect.poll(() => sync.addresses.openFrom("127.0.0.1"), { timeout: 5_000 }).toBe(2);
    const again = await openRecording(room);
    await received(again, 1);
    expect(again.readyState).toBe(WebSocket.OPEN);
    for (const ws of [...sockets, again]) ws.close();
  });

  it("refuses with 1013 the connection attempt past CONNECTION_ATTEMPTS_PER_MINUTE", async () => {
    const { url } = await start({ limits: { connectionAttemptsPerMinute: 4 } });
    const room = url + randomUUID();
    for (let i = 0; i < 4; i++) {
      const ws = await openRecording(room);
      await received(ws, 1);
      const gone = closed(ws);
      ws.close();
      await gone;
    }
    const refused = await open(room);
    expect(await closed(refused)).toBe(CloseCode.tryAgainLater);
  });

  it("loads MAX_LOADED_DOCUMENTS documents, refuses a socket for one more with 1013, serves loaded ones, and loads it once one unloads", async () => {
    const { url, sync } = await start({ limits: { maxLoadedDocuments: 2 } });
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const onA = await open(url + a);
    const onB = await open(url + b);
    await expect.poll(() => sync.loadedDocuments, { timeout: 5_000 }).toBe(2);
    const onC = await open(url + c);
    expect(await closed(onC)).toBe(CloseCode.tryAgainLater);
    // A document already loaded takes more sockets.
    const secondOnA = await openRecording(url + a);
    await received(secondOnA, 1);
    expect(secondOnA.readyState).toBe(WebSocket.OPEN);
    onB.close();
    await expect.poll(() => sync.loadedDocuments, { timeout: 5_000 }).toBe(1);
    const retried = await openRecording(url + c);
    await received(retried, 1);
    expect(retried.readyState).toBe(WebSocket.OPEN);
    for (const ws of [onA, secondOnA, retried]) ws.close();
  });

  it("closes with 1011 only the socket whose frame hit a bug of ours, and keeps serving the rest", async () => {
    const { url } = await start({});
    const id = randomUUID();
    const victim = await openRecording(url + id);
    const bystander = await openRecording(url + id);
    await received(victim, 1);
    await received(bystander, 1);
    const bug = vi.spyOn(DocumentRoom.prototype, "receive").mockImplementationOnce(() => {
      throw new TypeError("a bug in frame handling");
    });
    const victimClosed = closed(victim);
    victim.send(QUERY_AWARENESS);
    expect(await victimClosed).toBe(CloseCode.internalError);
    bug.mockRestore();
    bystander.send(QUERY_AWARENESS);
    await received(bystander, 2);
    expect(bystander.readyState).toBe(WebSocket.OPEN);
    bystander.close();
  });
});

describe("SyncServer and refused sockets", () => {
  it("survives a refused socket that sends a malformed frame before its close handshake ends (it stopped the server)", async () => {
    const { url } = await start({
      admit: async () => ({ ok: false, code: CloseCode.unauthorized, reason: "sign in" }),
    });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      const { port, pathname } = new URL(url + randomUUID());
      const socket = connect(Number(port), "127.0.0.1");
      const answered = new Promise<string>((resolve) => {
        let text = "";
        socket.on("data", (chunk) => {
          text += chunk.toString("latin1");
          if (text.includes("\r\n\r\n")) resolve(text);
        });
      });
      socket.write(
        `GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
      );
      expect(await answered).toMatch(/^HTTP\/1\.1 101/);
      // Opcode 3 is reserved: ws's reader fails on it with an 'error' event.
      const ended = new Promise((resolve) => socket.on("close", resolve));
      socket.write(Buffer.from([0x83, 0x80, 1, 2, 3, 4]));
      await ended;
      // The server is up: the next socket is refused as the first was, with its code.
      const next = await open(url + randomUUID());
      expect(await closed(next)).toBe(CloseCode.unauthorized);
      expect(uncaught).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });
});
