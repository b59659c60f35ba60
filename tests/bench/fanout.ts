import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import type * as Y from "yjs";
import type { TestAccount } from "../support/accounts.js";
import {
  connectClient,
  credentialHeaders,
  type ServerAddress,
  type TestClient,
  waitForSynced,
} from "../support/clients.js";
import { sleep } from "../support/ports.js";
import { processTicks, TICKS_PER_SECOND } from "../support/processStats.js";
import { connectBareWriter } from "./bareWriter.js";
import { type Framing, plainFraming } from "./framing.js";
import type { BenchServer } from "./servers.js";
import { insertStamped, readStamps } from "./stamps.js";
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
  /** CPU the bench process (every client) used in that window, in cores. */
  clientCores: number;
  /** CPU of the layout's backing processes in that window, in cores, when it names them. */
  backingCores?: number;
}

export interface FanoutResult extends Summary {
  rounds: number;
  /** Edits made during the measured window. */
  edits: number;
  /** Edits the schedule called for in that window; fewer made means the bench itself fell behind. */
  scheduledEdits: number;
  /** Deliveries those edits should cause: each edit once at every measuring client of its document but its writer. */
  expected: number;
  /** Times a client's socket dropped after the first sync. */
  disconnects: number;
  /** Worst round's p99 event-loop delay of the bench process (ms): high means the clients, not the server, set the pace. */
  clientLoopDelayP99: number;
  /** Mean CPU of the server over the measured rounds, in cores: the work behind the latency, little moved by other jobs. */
  serverCores: number;
  /** Mean CPU of the bench process (the clients) over the measured rounds, in cores. */
  clientCores: number;
  /** Mean CPU of Redis and PostgreSQL over the measured rounds, when they were measured. */
  backingCores?: number;
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
    clientCores: round(sum((r) => r.clientCores) / Math.max(1, rounds.length)),
    backingCores: rounds.some((r) => r.backingCores !== undefined)
      ? round(sum((r) => r.backingCores ?? 0) / rounds.length)
      : undefined,
  };
}

const DRAIN_MS = 3_000;
const SYNC_TIMEOUT_MS = 20_000;

/** One client of a document: where it connects, as whom, and what it does. */
export interface FanoutSeat {
  server: ServerAddress;
  /** Who connects; omitted, the server's default account (none on the reference). */
  account?: TestAccount;
  /** Inserts a stamped snippet every `intervalMs`. */
  writes: boolean;
  /** Records the latency of every other client's edit that reaches it. */
  measures: boolean;
  /** A writer that applies nothing it receives (a {@link connectBareWriter}); cannot measure. */
  sendsOnly?: boolean;
  /** How the server frames its messages; y-websocket's own when omitted. */
  framing?: Framing;
}

/** Where a round's documents are created and who sits in each. */
export interface FanoutLayout {
  /** Creates the `index`-th document of the round; its room id. */
  createRoom(index: number): Promise<string>;
  /** The clients of the `index`-th document. */
  seats(index: number): readonly FanoutSeat[];
  /** The server processes whose CPU the round reports. */
  pids: readonly number[];
  /** Processes behind the servers (Redis, PostgreSQL and its backends), listed at the window's start. */
  backingPids?: () => readonly number[];
}

/**
 * Fan-out latency: every client inserts a stamped snippet into one Y.Text at
 * a random position every `intervalMs` (jittered start), and every other
 * client of that document records `now − stamp` when the edit arrives. All
 * clients live in this process, so one monotonic clock serves writer and
 * reader alike. Only edits sent inside the measured window count.
 */
export function measureFanoutRound(server: BenchServer, options = defaultFanout): Promise<FanoutRound> {
  const seat: FanoutSeat = { server, writes: true, measures: true, framing: server.framing };
  return measureLayoutRound(
    {
      createRoom: () => server.createRoom("fanout"),
      seats: () => Array.from({ length: options.clientsPerDocument }, () => seat),
      pids: [server.pid],
    },
    options,
  );
}

/**
 * {@link measureFanoutRound} with the clients placed by `layout`: writers
 * stamp their edits, measuring clients time the ones that reach them.
 * `clientsPerDocument` is ignored; the layout's seats say how many.
 */
export async function measureLayoutRound(
  layout: FanoutLayout,
  options: Omit<FanoutOptions, "clientsPerDocument" | "rounds">,
): Promise<FanoutRound> {
  const closers: (() => void)[] = [];
  const timers: NodeJS.Timeout[] = [];
  const latencies: number[] = [];
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  let edits = 0;
  let expected = 0;
  let writers = 0;
  let disconnects = 0;
  let editing = true;
  /** Each writer's first edit, started together once every document is synced. */
  const starts: (() => void)[] = [];

  try {
    for (let d = 0; d < options.documents; d++) {
      const room = await layout.createRoom(d);
      const seats = layout.seats(d);
      const measuring = seats.filter((seat) => seat.measures).length;
      const synced: Promise<void>[] = [];
      const watchers: (() => void)[] = [];
      for (const seat of seats) {
        const framing = seat.framing ?? plainFraming;
        let text: Y.Text;
        if (seat.sendsOnly) {
          const headers = credentialHeaders(seat.server, seat.account);
          const writer = connectBareWriter(seat.server, room, {
            framing,
            headers,
            timeoutMs: SYNC_TIMEOUT_MS,
          });
          closers.push(() => writer.destroy());
          synced.push(writer.synced);
          watchers.push(() => writer.onDisconnect(() => disconnects++));
          text = writer.ytext;
        } else {
          const client = connectClient(seat.server, room, {
            account: seat.account,
            webSocket: framing.providerSocket,
          });
          closers.push(() => client.destroy());
          synced.push(waitForSynced(client.provider, SYNC_TIMEOUT_MS));
          watchers.push(() =>
            client.provider.on("status", ({ status }) => {
              if (status === "disconnected") disconnects++;
            }),
          );
          if (seat.measures) recordArrivals(client);
          text = client.ytext;
        }
        // A writer's own edit never comes back to it, so it reaches every measuring seat but its own.
        if (seat.writes) {
          writers++;
          scheduleEdits(text, measuring - (seat.measures ? 1 : 0));
        }
      }
      // One document's clients at a time, so connects never arrive as a flood.
      await Promise.all(synced);
      for (const watch of watchers) watch();
    }

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    windowStart = performance.now() + options.warmupMs;
    windowEnd = windowStart + options.measureMs;
    for (const begin of starts) begin();
    await sleep(options.warmupMs);
    loopDelay.enable();
    const backing = layout.backingPids?.() ?? [];
    const ticksBefore = totalTicks(layout.pids);
    const clientTicksBefore = processTicks(process.pid);
    const backingBefore = totalTicks(backing);
    await sleep(options.measureMs);
    const cores = (ticks: number) => ticks / TICKS_PER_SECOND / (options.measureMs / 1000);
    const serverCores = cores(totalTicks(layout.pids) - ticksBefore);
    const clientCores = cores(processTicks(process.pid) - clientTicksBefore);
    const backingCores = layout.backingPids ? cores(totalTicks(backing) - backingBefore) : undefined;
    loopDelay.disable();
    editing = false;
    for (const timer of timers) clearTimeout(timer);
    // Late deliveries still count; anything later than this is reported as missing.
    await sleep(DRAIN_MS);

    return {
      latencies,
      edits,
      scheduledEdits: Math.round((writers * options.measureMs) / options.intervalMs),
      expected,
      disconnects,
      clientLoopDelayP99: round(loopDelay.percentile(99) / 1e6),
      serverCores,
      clientCores,
      backingCores,
    };
  } finally {
    editing = false;
    for (const timer of timers) clearTimeout(timer);
    for (const close of closers) close();
  }

  function recordArrivals(client: TestClient): void {
    client.ydoc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== client.provider) return;
      const now = performance.now();
      readStamps(update, (sent) => {
        if (sent >= windowStart && sent < windowEnd) latencies.push(now - sent);
      });
    });
  }

  function scheduleEdits(text: Y.Text, receivers: number): void {
    const edit = () => {
      if (!editing) return;
      const sent = performance.now();
      if (sent >= windowStart && sent < windowEnd) {
        edits++;
        expected += receivers;
      }
      insertStamped(text, sent);
    };
    starts.push(() => {
      const jitter = Math.random() * options.intervalMs;
      timers.push(
        setTimeout(() => {
          edit();
          timers.push(setInterval(edit, options.intervalMs));
        }, jitter),
      );
    });
  }
}

function totalTicks(pids: readonly number[]): number {
  return pids.reduce((total, pid) => total + processTicks(pid), 0);
}
