import { MessageType } from "@caucus/shared";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { ServerAddress } from "../support/address.js";
import type { Framing } from "./framing.js";

/** A client that only writes: its own Y.Doc, sent edit by edit, and nothing it receives applied. */
export interface BareWriter {
  readonly ytext: Y.Text;
  /** Resolves once the server has answered the writer's sync step 1 (rejects after `timeoutMs`). */
  readonly synced: Promise<void>;
  /** Called when the socket closes after it had synced; a bare writer does not reconnect. */
  onDisconnect(listener: () => void): void;
  destroy(): void;
}

/**
 * A writer for many-client runs on a bare `ws` socket: it joins like a fresh
 * y-websocket client (sync step 1 of an empty document), answers the
 * server's sync step 1 with its own edits, and sends each local edit as a
 * y-websocket update. Everything else that reaches it is dropped after a
 * look at its first two bytes: a stock provider would decode and apply every
 * other client's edit, and ninety of them doing that in the bench process
 * used more of this machine's two cores than the server under test did.
 * The server does the same work either way; what a client does with a
 * frame costs the server nothing.
 */
export function connectBareWriter(
  server: ServerAddress,
  room: string,
  options: { framing: Framing; headers: Record<string, string>; timeoutMs: number },
): BareWriter {
  const { framing } = options;
  const doc = new Y.Doc();
  const socket = new WebSocket(`${server.wsUrl}/${encodeURIComponent(room)}`, { headers: options.headers });
  const disconnectListeners: (() => void)[] = [];
  let isSynced = false;
  let markSynced = () => {};
  const synced = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`writer on ${room} not synced within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    markSynced = () => {
      clearTimeout(timer);
      isSynced = true;
      resolve();
    };
    socket.once("close", (code) => {
      clearTimeout(timer);
      if (!isSynced) reject(new Error(`writer on ${room} closed with ${code} before it synced`));
      else for (const listener of disconnectListeners) listener();
    });
  });
  // Awaited by the caller; a writer destroyed before it synced must not crash the bench meanwhile.
  synced.catch(() => {});
  // An unhandled "error" event would throw; the close that follows it is what counts.
  socket.on("error", () => {});
  socket.on("open", () => {
    for (const frame of framing.greeting(room)) socket.send(frame);
  });
  socket.on("message", (data: Buffer) => {
    const message = framing.unwrap(data);
    if (!message || message[0] !== MessageType.sync) return;
    if (message[1] === syncProtocol.messageYjsSyncStep1) {
      const decoder = decoding.createDecoder(message.subarray(2));
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeSyncStep2(encoder, doc, decoding.readVarUint8Array(decoder));
      socket.send(framing.wrap(room, encoding.toUint8Array(encoder)));
    } else if (message[1] === syncProtocol.messageYjsSyncStep2 && !isSynced) {
      markSynced();
    }
  });
  doc.on("update", (update: Uint8Array) => {
    if (socket.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeUpdate(encoder, update);
    socket.send(framing.wrap(room, encoding.toUint8Array(encoder)));
  });
  return {
    ytext: doc.getText("t"),
    synced,
    onDisconnect: (listener) => disconnectListeners.push(listener),
    destroy() {
      disconnectListeners.length = 0;
      socket.terminate();
      doc.destroy();
    },
  };
}
