import type { connectBareWriter } from "./bareWriter.js";
import { type FanoutSeat, measureLayoutRound } from "./fanout.js";
import type { BenchServer } from "./servers.js";
import { round, type Summary, summarize } from "./stats.js";

export interface CrowdedOptions {
  /** Clients on the one document, measuring ones included. */
  clients: number;
  /** Clients that only read and time each edit's arrival; the others only write. */
  measuring: number;
  intervalMs: number;
  warmupMs: number;
  measureMs: number;
}

/** A whole coalition in one statement during a session (issue 15). */
export const defaultCrowded: CrowdedOptions = {
  clients: 100,
  measuring: 10,
  intervalMs: 200,
  warmupMs: 3_000,
  measureMs: 20_000,
};

export interface CrowdedResult extends Summary {
  edits: number;
  scheduledEdits: number;
  /** Each edit once at every measuring client. */
  expected: number;
  disconnects: number;
  /** p99 event-loop delay of the bench process (ms): high means the clients, not the server, set the pace. */
  clientLoopDelayP99: number;
  /** CPU time the server process used in the measured window, in seconds. */
  serverCpuSeconds: number;
  /** CPU of the bench process (every client) in that window, in cores. */
  clientCores: number;
}

/**
 * The crowded document: `clients` stock y-websocket clients on one
 * document; `measuring` of them only read and record the delay from each
 * edit's writer to them, the others each insert a stamped snippet every
 * `intervalMs` (fan-out's machinery, with one document and unequal seats).
 * The writers are bare sockets that apply nothing they receive
 * ({@link connectBareWriter} says why); the measuring clients are stock
 * providers.
 */
export async function measureCrowded(
  server: BenchServer,
  options: CrowdedOptions = defaultCrowded,
): Promise<CrowdedResult> {
  const { framing } = server;
  const reader: FanoutSeat = { server, writes: false, measures: true, framing };
  const writer: FanoutSeat = { server, writes: true, measures: false, sendsOnly: true, framing };
  const seats = Array.from({ length: options.clients }, (_, i) => (i < options.measuring ? reader : writer));
  const result = await measureLayoutRound(
    { createRoom: () => server.createRoom("crowded"), seats: () => seats, pids: [server.pid] },
    {
      documents: 1,
      intervalMs: options.intervalMs,
      warmupMs: options.warmupMs,
      measureMs: options.measureMs,
    },
  );
  return {
    ...summarize(result.latencies),
    edits: result.edits,
    scheduledEdits: result.scheduledEdits,
    expected: result.expected,
    disconnects: result.disconnects,
    clientLoopDelayP99: result.clientLoopDelayP99,
    serverCpuSeconds: round((result.serverCores * options.measureMs) / 1000),
    clientCores: round(result.clientCores),
  };
}
