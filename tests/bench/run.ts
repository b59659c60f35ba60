import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ColdLoadResult, defaultColdLoad, measureColdLoad } from "./coldLoad.js";
import { type CrossInstanceResult, defaultCrossInstance, measureCrossInstance } from "./crossInstance.js";
import { describeCrossInstance } from "./crossInstanceReport.js";
import {
  combineRounds,
  defaultFanout,
  type FanoutOptions,
  type FanoutResult,
  type FanoutRound,
  measureFanoutRound,
} from "./fanout.js";
import { defaultIdleHeap, type IdleHeapResult, measureIdleHeap } from "./idleHeap.js";
import {
  cpuSnapshot,
  FOREIGN_CPU_WARNING,
  foreignCores,
  QUIET_WAIT_MS,
  waitForQuietMachine,
} from "./machine.js";
import {
  type BenchServer,
  SERVER_LABELS,
  type ServerKind,
  type StartOptions,
  startBenchServer,
} from "./servers.js";
import { round } from "./stats.js";

/**
 * `npm run bench`: the same clients against our server (embedded PGlite
 * storage on) and against the reference `@y/websocket-server` (in memory),
 * one after the other so they never compete for the machine's cores. Each
 * metric starts fresh servers. `crossInstance` compares two of ours
 * (shared PostgreSQL and Redis) with themselves, not with the reference.
 * BENCH_ONLY=fanout,crossInstance,coldLoad,idleHeap runs a subset;
 * BENCH_ORDER=reference,ours swaps the order, and
 * BENCH_ORDER=ours,reference,hocuspocus adds Hocuspocus 4 (in memory) as a
 * second reference; BENCH_QUICK=1 shortens everything for a smoke run.
 */
const quick = process.env.BENCH_QUICK === "1";
const only = new Set((process.env.BENCH_ONLY ?? "fanout,crossInstance,coldLoad,idleHeap").split(","));
// Which server goes first; reversing it shows whether order (a warmer machine, page cache) matters.
const kinds = (process.env.BENCH_ORDER ?? "ours,reference").split(",") as ServerKind[];
// Each stock WebsocketProvider adds a process "exit" listener (to clear its awareness); 200 of them are expected.
process.setMaxListeners(1_000);
const resultsFile = join(dirname(fileURLToPath(import.meta.url)), "results/latest.json");

/** Each result also says how much of the machine other processes took meanwhile. */
type PerServer<T> = Partial<Record<ServerKind, (T & { foreignCores: number }) | { error: string }>>;
const results: {
  fanout?: PerServer<FanoutResult>;
  /** Ours only: readers on the writers' instance against readers on another instance. */
  crossInstance?: CrossInstanceResult;
  coldLoad?: PerServer<ColdLoadResult>;
  /** The reference again, with its LevelDB persistence: a load from storage like ours. */
  coldLoadStoredReference?: PerServer<ColdLoadResult>["reference"];
  idleHeap?: PerServer<IdleHeapResult>;
} = {};
let failed = false;

async function withServer<T>(
  kind: ServerKind,
  options: StartOptions,
  run: (server: BenchServer) => Promise<T>,
) {
  let server: BenchServer | undefined;
  const busy = await waitForQuietMachine(cpus().length, FOREIGN_CPU_WARNING, QUIET_WAIT_MS);
  if (busy >= FOREIGN_CPU_WARNING)
    console.warn(`  the machine is busy (${round(busy)} cores used by others); measuring anyway`);
  try {
    server = await startBenchServer(kind, options);
    const pids = [process.pid, server.pid];
    const before = cpuSnapshot(pids);
    const result = await run(server);
    const foreign = round(foreignCores(before, cpuSnapshot(pids), cpus().length));
    if (foreign > FOREIGN_CPU_WARNING) {
      console.warn(
        `  warning: other processes used ${foreign} cores meanwhile; ${kind}'s figures are suspect`,
      );
    }
    return { ...result, foreignCores: foreign };
  } catch (error) {
    failed = true;
    const output = server?.logs().split("\n").slice(-30).join("\n") ?? "(did not start)";
    console.error(`  ${kind}: ${String(error)}\n--- last server output ---\n${output}`);
    return { error: String(error).split("\n")[0] as string };
  } finally {
    await server?.stop();
  }
}

const benchStarted = Date.now();
if (only.has("fanout")) {
  const options = quick
    ? { ...defaultFanout, documents: 4, warmupMs: 1_000, measureMs: 3_000 }
    : defaultFanout;
  console.log(
    `fan-out: ${options.documents} documents × ${options.clientsPerDocument} clients, ${options.rounds} rounds of ${options.measureMs / 1000} s per server, alternating…`,
  );
  results.fanout = await measureFanoutAlternating(options);
}
if (only.has("crossInstance")) {
  const options = quick
    ? { ...defaultCrossInstance, documents: 4, warmupMs: 1_000, measureMs: 3_000, rounds: 1 }
    : defaultCrossInstance;
  console.log(
    `fan-out across instances: ${options.documents} documents × (${options.writersPerDocument} writers + ${options.readersPerDocument} readers), ${options.rounds} rounds of ${options.measureMs / 1000} s per placement, alternating…`,
  );
  results.crossInstance = await measureCrossInstance(options);
  if ("error" in results.crossInstance.oneInstance || "error" in results.crossInstance.acrossInstances)
    failed = true;
}
if (only.has("coldLoad")) {
  const options = quick
    ? { ...defaultColdLoad, paragraphs: 300, deletes: 30, repetitions: 2 }
    : defaultColdLoad;
  results.coldLoad = {};
  // In memory, Hocuspocus drops a document with its last socket: there is nothing to load cold.
  for (const kind of kinds.filter((k) => k !== "hocuspocus")) {
    console.log(`cold load: ${kind} (${options.paragraphs} paragraphs, ${options.repetitions} repetitions)…`);
    results.coldLoad[kind] = await withServer(kind, {}, (server) => measureColdLoad(server, options));
  }
  if (kinds.includes("reference")) {
    console.log("cold load: reference with LevelDB persistence (YPERSISTENCE)…");
    results.coldLoadStoredReference = await withServer("reference", { persistent: true }, (server) =>
      measureColdLoad(server, options),
    );
  }
}
if (only.has("idleHeap")) {
  const options = quick ? { ...defaultIdleHeap, connections: 200, documents: 20 } : defaultIdleHeap;
  results.idleHeap = {};
  for (const kind of kinds) {
    console.log(
      `idle heap: ${kind} (${options.connections} connections over ${options.documents} documents)…`,
    );
    results.idleHeap[kind] = await withServer(kind, { inspect: true }, (server) =>
      measureIdleHeap(server, options),
    );
  }
}

/**
 * Both servers run at once (the idle one costs nothing) and the rounds
 * alternate between them, so a build or test run that starts on this shared
 * machine mid-bench lands on both servers' figures rather than one's.
 */
async function measureFanoutAlternating(options: FanoutOptions): Promise<PerServer<FanoutResult>> {
  const out: PerServer<FanoutResult> = {};
  const servers = new Map<ServerKind, BenchServer>();
  const rounds = new Map<ServerKind, FanoutRound[]>(kinds.map((kind) => [kind, []]));
  const foreign = new Map<ServerKind, number[]>(kinds.map((kind) => [kind, []]));
  try {
    for (const kind of kinds) servers.set(kind, await startBenchServer(kind));
    for (let r = 0; r < options.rounds; r++) {
      // ours, reference, reference, ours, …: neither always goes first.
      for (const kind of r % 2 === 0 ? kinds : [...kinds].reverse()) {
        const server = servers.get(kind) as BenchServer;
        const busy = await waitForQuietMachine(cpus().length, FOREIGN_CPU_WARNING, QUIET_WAIT_MS);
        if (busy >= FOREIGN_CPU_WARNING)
          console.warn(`  the machine is busy (${round(busy)} cores used by others)`);
        const before = cpuSnapshot([process.pid, server.pid]);
        console.log(`  round ${r + 1}: ${kind}`);
        rounds.get(kind)?.push(await measureFanoutRound(server, options));
        foreign.get(kind)?.push(foreignCores(before, cpuSnapshot([process.pid, server.pid]), cpus().length));
      }
    }
    for (const kind of kinds) {
      const shares = foreign.get(kind) ?? [];
      const foreignAverage = round(shares.reduce((a, b) => a + b, 0) / Math.max(1, shares.length));
      out[kind] = { ...combineRounds(rounds.get(kind) ?? []), foreignCores: foreignAverage };
    }
  } catch (error) {
    failed = true;
    console.error(`  fan-out failed: ${String(error)}`);
    for (const [kind, server] of servers)
      console.error(`--- ${kind} ---\n${server.logs().split("\n").slice(-30).join("\n")}`);
    for (const kind of kinds) out[kind] ??= { error: String(error).split("\n")[0] as string };
  } finally {
    for (const server of servers.values()) await server.stop();
  }
  return out;
}

interface Row {
  metric: string;
  unit: string;
  ours?: number;
  reference?: number;
  ratio?: number;
  overTarget?: boolean;
}
const rows: Row[] = [];
/** `targeted: false` marks a figure shown for context, with no ≤ 1.0 target. */
function row<T>(
  metric: string,
  unit: string,
  per: PerServer<T> | undefined,
  pick: (result: T) => number,
  targeted = true,
) {
  if (!per) return;
  const value = (kind: ServerKind) => {
    const result = per[kind];
    return result && !("error" in (result as object)) ? round(pick(result as T)) : undefined;
  };
  const ours = value("ours");
  const reference = value("reference");
  const ratio = ours !== undefined && reference ? round(ours / reference) : undefined;
  rows.push({
    metric,
    unit,
    ours,
    reference,
    ratio,
    overTarget: ratio === undefined || !targeted ? undefined : ratio > 1,
  });
}
row("fan-out latency p50", "ms", results.fanout, (r) => r.p50);
row("fan-out latency p99", "ms", results.fanout, (r) => r.p99);
// Context, not a target: ours stores every edit, the reference stores nothing.
row("server CPU during fan-out", "cores", results.fanout, (r) => r.serverCores, false);
row("load, nobody connected (median)", "ms", results.coldLoad, (r) => r.cold.median);
row(
  "load from storage, ref. on LevelDB",
  "ms",
  results.coldLoad && { ours: results.coldLoad.ours, reference: results.coldLoadStoredReference },
  (r) => r.cold.median,
);
row("load, document held open (median)", "ms", results.coldLoad, (r) => r.warm.median);
row("heap after GC per idle connection", "KiB", results.idleHeap, (r) => r.heapPerConnection / 1024);
row("RSS per idle connection", "KiB", results.idleHeap, (r) => r.rssPerConnection / 1024);

const show = (value: number | undefined) => (value === undefined ? "—" : String(value));
if (rows.length > 0)
  console.log("\nmetric                               unit   ours       reference  ours/ref");
for (const r of rows) {
  const marker = r.overTarget ? "  over target" : "";
  console.log(
    `${r.metric.padEnd(37)}${r.unit.padEnd(7)}${show(r.ours).padEnd(11)}${show(r.reference).padEnd(11)}${show(r.ratio)}${marker}`,
  );
}
if (results.crossInstance) console.log(describeCrossInstance(results.crossInstance).join("\n"));
printDetails();

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  memoryGiB: round(totalmem() / 2 ** 30, 1),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
mkdirSync(dirname(resultsFile), { recursive: true });
const report = {
  date: new Date().toISOString(),
  quick,
  machine,
  durationSeconds: round((Date.now() - benchStarted) / 1000, 0),
  table: rows,
  results,
};
// Arrays of numbers on one line, as the repository's formatter (Biome) lays them out.
const json = JSON.stringify(report, null, 2).replace(
  /\[\s*([-\d.,\s]+?)\s*\]/g,
  (_, list: string) => `[${list.split(/,\s*/).join(", ")}]`,
);
writeFileSync(resultsFile, `${json}\n`);
console.log(`\nresults written to ${resultsFile} (${round((Date.now() - benchStarted) / 1000, 0)} s)`);
// A ratio over target is a finding, not a failure; only a metric that could not run fails the bench.
process.exit(failed ? 1 : 0);

/** What the table hides: sample counts, losses, disconnects and where each load came from. */
function printDetails(): void {
  for (const kind of kinds) {
    const fan = results.fanout?.[kind];
    if (fan && !("error" in fan)) {
      const missing = fan.expected - fan.count;
      console.log(
        `${SERVER_LABELS[kind]}: fan-out (${fan.rounds} rounds) p90 ${round(fan.p90)} ms, p99.9 ${round(fan.p999)} ms, max ${round(fan.max)} ms; ${fan.edits} of ${fan.scheduledEdits} scheduled edits made, ${fan.count} deliveries of ${fan.expected} expected${missing > 0 ? ` (${missing} missing)` : ""}, ${fan.disconnects} disconnects, bench event-loop p99 ${fan.clientLoopDelayP99} ms, other processes ${fan.foreignCores} cores`,
      );
    }
    const load = results.coldLoad?.[kind];
    if (load && !("error" in load)) {
      console.log(
        `${SERVER_LABELS[kind]}: load of ${load.characters} characters (${load.stateBytes} bytes, ${load.transactions} transactions) from ${load.coldSource}: ${load.cold.runs.join(", ")} ms; held open: ${load.warm.runs.join(", ")} ms; other processes ${load.foreignCores} cores`,
      );
    }
    const heap = results.idleHeap?.[kind];
    if (heap && !("error" in heap)) {
      const mib = (bytes: number) => round(bytes / 2 ** 20, 1);
      console.log(
        `${SERVER_LABELS[kind]}: ${heap.connected} connections let in; heap ${mib(heap.before.heapUsedAfterGc)} → ${mib(heap.after.heapUsedAfterGc)} MiB, RSS ${mib(heap.before.rss)} → ${mib(heap.after.rss)} MiB; other processes ${heap.foreignCores} cores`,
      );
    }
  }
  const stored = results.coldLoadStoredReference;
  if (stored && !("error" in stored)) {
    console.log(
      `reference on LevelDB: load from ${stored.coldSource}: ${stored.cold.runs.join(", ")} ms; held open: ${stored.warm.runs.join(", ")} ms; other processes ${stored.foreignCores} cores`,
    );
  }
  if (results.coldLoad?.reference) {
    console.log(
      'note: without persistence the reference never unloads a document, so its "nobody connected" load is served from memory while ours is read from storage; "load from storage" compares like with like.',
    );
  }
}
