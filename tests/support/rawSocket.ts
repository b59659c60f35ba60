import { MessageType } from "@caucus/shared";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { TestAccount } from "./accounts.js";
import { credentialHeaders, type ServerAddress } from "./clients.js";

/** A bare `ws` socket on the sync path, for sending frames the stock client never would. */
export interface RawSocket {
  readonly ws: WebSocket;
  /** Every binary frame received, in order. */
  readonly received: Uint8Array[];
  /** Resolves when the socket opened; rejects if it closed or failed first. */
  readonly opened: Promise<void>;
  /** Resolves with the close code and reason when the socket closes, however it closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Sends a binary frame, or a text frame when given a string. */
  send(frame: Uint8Array | string): Promise<void>;
  close(): void;
}

const sockets = new Set<WebSocket>();

/**
 * Opens `ws://…/sync/<path>` (path may carry a query string) as `account`
 * (the default account unless given; `null` for no credentials), or with
 * exactly `headers`.
 */
export function openRawSocket(
  server: ServerAddress,
  path: string,
  options: { account?: TestAccount | null; headers?: Record<string, string> } = {},
): RawSocket {
  const headers = options.headers ?? credentialHeaders(server, options.account);
  const ws = new WebSocket(`${server.wsUrl}/${path}`, { headers });
  ws.binaryType = "nodebuffer";
  sockets.add(ws);
  const received: Uint8Array[] = [];
  ws.on("message", (data: Buffer) => received.push(new Uint8Array(data)));
  // A refused upgrade or reset is an "error" then "close"; the tests look at the close.
  ws.on("error", () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once("close", (code, reason) => {
      sockets.delete(ws);
      resolve({ code, reason: reason.toString() });
    });
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    void closed.then(({ code }) => reject(new Error(`socket closed (${code}) before it opened`)));
  });
  opened.catch(() => {});
  return {
    ws,
    received,
    opened,
    closed,
    send: (frame) =>
      new Promise<void>((resolve, reject) =>
        ws.send(frame, { binary: typeof frame !== "string" }, (error) => (error ? reject(error) : resolve())),
      ),
    close: () => ws.close(),
  };
}

/** Closes every raw socket still open; for afterEach. */
export function closeAllRawSockets(): void {
  for (const ws of sockets) ws.terminate();
  sockets.clear();
}

/** Resolves with the close event, or rejects if the socket is still open after `timeout` ms. */
export function closedWithin(socket: RawSocket, timeout = 5_000): Promise<{ code: number; reason: string }> {
  return Promise.race([
    socket.closed,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`socket still open after ${timeout} ms`)), timeout),
    ),
  ]);
}

/** A y-websocket sync message carrying `update` (sync type 2, "update"). */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An update from a fresh document that inserts `content` at the start of Y.Text "t". */
export function textInsertUpdate(content: string, clientID?: number): Uint8Array {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  doc.getText("t").insert(0, content);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * A sync update message of exactly `bytes` bytes whose update inserts a run of
 * one repeated ASCII letter. Returns the frame and the inserted text.
 */
export function updateMessageOfSize(bytes: number, letter = "x"): { frame: Uint8Array; content: string } {
  // One client id for every attempt: its varint length must not change between them.
  const clientID = 1 + Math.floor(Math.random() * 2 ** 30);
  let length = Math.max(1, bytes - 64);
  for (let attempt = 0; attempt < 20; attempt++) {
    const content = letter.repeat(length);
    const frame = updateMessage(textInsertUpdate(content, clientID));
    if (frame.length === bytes) return { frame, content };
    // Each letter adds one byte; length prefixes may shift by a byte at varint boundaries.
    length += bytes - frame.length;
    if (length < 1) break;
  }
  throw new Error(`cannot build a sync message of exactly ${bytes} bytes`);
}
