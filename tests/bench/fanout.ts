import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import type * as Y from "yjs";
import { connectClient, type TestClient, waitForSynced } from "../support/clients.js";
import { sleep } from "../support/ports.js";
import { processTicks, TICKS_PER_SECOND } from "./machine.js";
import type { BenchServer } from "./servers.js";
import { round, type Summary, summarize } from "./stats.js";

export interface FanoutOptions {
  documents: number;
  clientsPerDocument: number;
  intervalMs: number;
  warmupMs: number;
  /** Measured time per round. */
  measureMs: number;
  /** Rounds per server; run.ts alternates servers between rounds so background load hits both alike. */
  rounds: number;
}

export const defaultFanout: FanoutOptions = {
  documents: 20,
  clientsPerDocument: 10,
  intervalMs: 200,
  warmupMs: 4_000,
  measureMs: 9_000,
  rounds: 2,
};

/** One round on one server: raw latencies, so rounds can be merged before percentiles. */
export interface FanoutRound {
  latencies: number[];
  edits: number;
  scheduledEdits: number;
  expected: number;
  disconnects: number;
  clientLoopDelayP99: number;
  /** CPU the server process used in the measured window, in cores (1 = one core busy throughout). */
  serverCores: number;
}

export interface FanoutResult extends Summary {
  rounds: number;
  /** Edits made during the measured window. */
  edits: number;
  /** Edits the schedule called for in that window; fewer made means the bench itself fell behind. */
  scheduledEdits: number;
  /** Deliveries those edits should cause: edits × (clients per document − 1). */
  expected: number;
  /** Times a client's socket dropped after the first sync. */
  disconnects: number;
  /** Worst round's p99 event-loop delay of the bench process (ms): high means the clients, not the server, set the pace. */
  clientLoopDelayP99: number;
  /** Mean CPU of the server over the measured rounds, in cores: the work behind the latency, little moved by other jobs. */
  serverCores: number;
}

/** Merges rounds: percentiles over every latency of every round, counts summed. */
export function combineRounds(rounds: readonly FanoutRound[]): FanoutResult {
  const sum = (pick: (round: FanoutRound) => number) => rounds.reduce((total, r) => total + pick(r), 0);
  return {
    ...summarize(rounds.flatMap((r) => r.latencies)),
    rounds: rounds.length,
    edits: sum((r) => r.edits),
    scheduledEdits: sum((r) => r.scheduledEdits),
    expected: sum((r) => r.expected),
    disconnects: sum((r) => r.disconnects),
    clientLoopDelayP99: Math.max(...rounds.map((r) => r.clientLoopDelayP99)),
    serverCores: round(sum((r) => r.serverCores) / Math.max(1, rounds.length)),
  };
}

/** Every inserted snippet carries its writer's send time, so any reader can compute the latency. */
const STAMP = /<t(\d+\.\d+)>/g;
const WORDS = [
  "motion",
  "amend",
  "second",
  "quorum",
  "agenda",
  "vote",
  "minutes",
  "caucus",
  "chair",
  "ballot",
];
const DRAIN_MS = 3_000;

/**
 * Fan-out latency: every client inserts a stamped snippet into one Y.Text at
 * a random position every `intervalMs` (jittered start), and every other
 * client of that document records `now − stamp` when the edit arrives. All
 * clients live in this process, so one monotonic clock serves writer and
 * reader alike. Only edits sent inside the measured window count.
 */
export async function measureFanoutRound(server: BenchServer, options = defaultFanout): Promise<FanoutRound> {
  const clients: TestClient[] = [];
  const timers: NodeJS.Timeout[] = [];
  const latencies: number[] = [];
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  let edits = 0;
  let disconnects = 0;
  let editing = true;

  try {
    for (let d = 0; d < options.documents; d++) {
      const room = await server.createRoom("fanout");
      const batch: TestClient[] = [];
      for (let c = 0; c < options.clientsPerDocument; c++) batch.push(connectClient(server, room));
      clients.push(...batch);
      // One document's clients at a time, so connects never arrive as a flood.
      await Promise.all(batch.map((client) => waitForSynced(client.provider, 20_000)));
    }

    for (const client of clients) {
      client.provider.on("status", ({ status }) => {
        if (status === "disconnected") disconnects++;
      });
      // The stamps are read from the raw update bytes, not from a Y.Text event:
      // computing an event's delta walks the whole text, and at ~9,000
      // deliveries a second that walk, not the server, would set the latency.
      client.ydoc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin !== client.provider) return;
        const now = performance.now();
        for (const match of Buffer.from(update.buffer, update.byteOffset, update.byteLength)
          .toString("latin1")
          .matchAll(STAMP)) {
          const sent = Number(match[1]);
          if (sent >= windowStart && sent < windowEnd) latencies.push(now - sent);
        }
      });
    }

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    const start = performance.now();
    windowStart = start + options.warmupMs;
    windowEnd = windowStart + options.measureMs;
    for (const client of clients) {
      const edit = () => {
        if (!editing) return;
        const sent = performance.now();
        if (sent >= windowStart && sent < windowEnd) edits++;
        insertStamped(client.ytext, sent);
      };
      const jitter = Math.random() * options.intervalMs;
      timers.push(
        setTimeout(() => {
          edit();
          timers.push(setInterval(edit, options.intervalMs));
        }, jitter),
      );
    }
    await sleep(options.warmupMs);
    loopDelay.enable();
    const ticksBefore = processTicks(server.pid);
    await sleep(options.measureMs);
    const serverCores =
      (processTicks(server.pid) - ticksBefore) / TICKS_PER_SECOND / (options.measureMs / 1000);
    loopDelay.disable();
    editing = false;
    for (const timer of timers) clearTimeout(timer);
    // Late deliveries still count; anything later than this is reported as missing.
    await sleep(DRAIN_MS);

    return {
      latencies,
      edits,
      scheduledEdits: Math.round((clients.length * options.measureMs) / options.intervalMs),
      expected: edits * (options.clientsPerDocument - 1),
      disconnects,
      clientLoopDelayP99: round(loopDelay.percentile(99) / 1e6),
      serverCores,
    };
  } finally {
    editing = false;
    for (const timer of timers) clearTimeout(timer);
    for (const client of clients) client.destroy();
  }
}

/** About 40 characters: a stamp and a few words, like a short note typed in one go. */
function insertStamped(text: Y.Text, sent: number): void {
  const words = Array.from({ length: 3 }, () => WORDS[Math.floor(Math.random() * WORDS.length)]).join(" ");
  const position = Math.floor(Math.random() * (text.length + 1));
  text.insert(position, `<t${sent.toFixed(3)}> ${words}. `);
}
