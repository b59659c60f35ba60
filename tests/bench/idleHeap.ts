import { sleep } from "../support/ports.js";
import { type MemorySample, probeMemory } from "./memory.js";
import type { BenchServer } from "./servers.js";
import { closeAll, createRooms, openIdleSockets } from "./sockets.js";

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
  /** Sockets that opened and were let in by the server (its sync step 2). */
  connected: number;
  /** (after − before) heap used after GC, per connection, in bytes. */
  heapPerConnection: number;
  /** (after − before) VmRSS, per connection, in bytes. */
  rssPerConnection: number;
}

/**
 * Memory of the server process per idle connection: bare sockets
 * ({@link openIdleSockets}) spread over `documents` rooms, the heap read
 * after a forced GC before and after them.
 */
export async function measureIdleHeap(
  server: BenchServer,
  options = defaultIdleHeap,
): Promise<IdleHeapResult> {
  if (!server.inspectorUrl) throw new Error("idle heap needs the server started with { inspect: true }");
  const rooms = await createRooms(server, options.documents, "idle");

  // Settle after the document creations, so the baseline is not mid-request.
  await sleep(2_000);
  const before = await probeMemory(server.inspectorUrl, server.pid);

  const { sockets, admitted } = await openIdleSockets(server, rooms, options.connections, options.batchSize);
  try {
    await sleep(options.settleMs);
    const after = await probeMemory(server.inspectorUrl, server.pid);
    return {
      before,
      after,
      connected: admitted,
      heapPerConnection: (after.heapUsedAfterGc - before.heapUsedAfterGc) / options.connections,
      rssPerConnection: (after.rss - before.rss) / options.connections,
    };
  } finally {
    await closeAll(sockets);
  }
}
