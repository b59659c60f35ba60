import { sleep } from "../support/ports.js";
import { processTicks, TICKS_PER_SECOND } from "../support/processStats.js";
import type { BenchServer } from "./servers.js";
import { closeAll, createRooms, openCount, openIdleSockets } from "./sockets.js";
import { round } from "./stats.js";

export interface IdleCpuOptions {
  sockets: number;
  documents: number;
  batchSize: number;
  /** After the last socket is admitted, before the measured hold. */
  settleMs: number;
  /** How long the idle sockets are held while the server's CPU is counted. */
  holdMs: number;
}

/** Everyday idling: a coalition's open tabs between edits (issue 15). */
export const defaultIdleCpu: IdleCpuOptions = {
  sockets: 2_000,
  documents: 200,
  batchSize: 100,
  settleMs: 5_000,
  holdMs: 30_000,
};

export interface IdleCpuResult {
  admitted: number;
  /** Sockets still open at the end of the hold: a server may drop ones it finds silent. */
  stillOpen: number;
  holdSeconds: number;
  /** CPU the server used during the hold, in seconds. */
  cpuSeconds: number;
}

/**
 * CPU the server spends on sockets that do nothing: `sockets` bare sockets
 * over `documents` rooms, as in the idle heap, held for `holdMs` while the
 * server's CPU ticks (/proc) are counted. Only `ws`'s own pong answers go
 * back to the server; what it spends is its timers, pings and checks. Ours
 * and y-websocket ping every 30 s (ours all sockets from one timer,
 * y-websocket from one timer per socket), so a 30 s hold sees one round of
 * each; Hocuspocus closes a socket silent for 60 s, which the hold stays
 * under (`stillOpen` says if not). At 100 ticks a second the figure is good
 * to ±0.01 s.
 */
export async function measureIdleCpu(server: BenchServer, options = defaultIdleCpu): Promise<IdleCpuResult> {
  const rooms = await createRooms(server, options.documents, "idle");
  const { sockets, admitted } = await openIdleSockets(server, rooms, options.sockets, options.batchSize);
  try {
    await sleep(options.settleMs);
    const before = processTicks(server.pid);
    await sleep(options.holdMs);
    const cpuSeconds = (processTicks(server.pid) - before) / TICKS_PER_SECOND;
    return {
      admitted,
      stillOpen: openCount(sockets),
      holdSeconds: options.holdMs / 1000,
      cpuSeconds: round(cpuSeconds),
    };
  } finally {
    await closeAll(sockets);
  }
}
