import WebSocket from "ws";
import { credentialHeaders } from "../support/clients.js";
import { sleep } from "../support/ports.js";
import { type MemorySample, probeMemory } from "./memory.js";
import type { BenchServer } from "./servers.js";

export interface IdleHeapOptions {
  connections: number;
  documents: number;
  batchSize: number;
  settleMs: number;
}

export const defaultIdleHeap: IdleHeapOptions = {
  connections: 2_000,
  documents: 200,
  batchSize: 100,
  settleMs: 5_000,
};

export interface IdleHeapResult {
  before: MemorySample;
  after: MemorySample;
  /** Sockets that opened and were greeted by the server (its sync step 1). */
  connected: number;
  /** (after − before) heap used after GC, per connection, in bytes. */
  heapPerConnection: number;
  /** (after − before) VmRSS, per connection, in bytes. */
  rssPerConnection: number;
}

/** y-websocket sync step 1 with an empty state vector: [messageSync, syncStep1, length 1, 0 clients]. */
export const SYNC_STEP_1_EMPTY = Uint8Array.of(0, 0, 1, 0);
const BATCH_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 15_000;

/**
 * Memory of the server process per idle connection. Each connection is a
 * bare `ws` socket that does what a fresh y-websocket client does on open
 * (sends sync step 1 for an empty document) and nothing more, so the bench
 * can hold thousands cheaply; the server still creates or loads a room per
 * document and keeps per-socket state as it would for a real editor.
 */
export async function measureIdleHeap(
  server: BenchServer,
  options = defaultIdleHeap,
): Promise<IdleHeapResult> {
  if (!server.inspectorUrl) throw new Error("idle heap needs the server started with { inspect: true }");
  const rooms: string[] = [];
  for (let d = 0; d < options.documents; d++) rooms.push(await server.createRoom("idle"));

  // Settle after the document creations, so the baseline is not mid-request.
  await sleep(2_000);
  const before = await probeMemory(server.inspectorUrl, server.pid);

  const sockets: WebSocket[] = [];
  let connected = 0;
  try {
    for (let start = 0; start < options.connections; start += options.batchSize) {
      const batch: Promise<boolean>[] = [];
      for (let i = start; i < Math.min(options.connections, start + options.batchSize); i++) {
        const socket = new WebSocket(
          `${server.wsUrl}/${encodeURIComponent(rooms[i % rooms.length] as string)}`,
          { headers: credentialHeaders(server, undefined) },
        );
        sockets.push(socket);
        batch.push(greeted(socket));
      }
      connected += (await Promise.all(batch)).filter(Boolean).length;
    }
    await sleep(options.settleMs);
    const after = await probeMemory(server.inspectorUrl, server.pid);
    return {
      before,
      after,
      connected,
      heapPerConnection: (after.heapUsedAfterGc - before.heapUsedAfterGc) / options.connections,
      rssPerConnection: (after.rss - before.rss) / options.connections,
    };
  } finally {
    await closeAll(sockets);
  }
}

/** Opens, sends sync step 1, and resolves true once the server's first frame arrives. */
export function greeted(socket: WebSocket): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), BATCH_TIMEOUT_MS);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      resolve(ok);
    };
    socket.on("error", () => done(false));
    socket.once("close", () => done(false));
    socket.once("open", () => socket.send(SYNC_STEP_1_EMPTY));
    socket.once("message", () => done(true));
  });
}

/** Closes every socket, and terminates those that do not close within the timeout. */
export async function closeAll(sockets: WebSocket[]): Promise<void> {
  const closed = sockets.map(
    (socket) =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once("close", () => resolve());
        socket.close();
      }),
  );
  const timeout = sleep(CLOSE_TIMEOUT_MS);
  await Promise.race([Promise.all(closed), timeout]);
  for (const socket of sockets) if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
}
