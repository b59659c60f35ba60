import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultColdLoad, measureColdLoad } from "./coldLoad.js";
import { defaultCrossInstance, measureCrossInstance } from "./crossInstance.js";
import { describeCrossInstance } from "./crossInstanceReport.js";
import { defaultCrowded, measureCrowded } from "./crowded.js";
import { defaultFanout } from "./fanout.js";
import { measureFanoutAlternating, withServer } from "./harness.js";
import { defaultIdleCpu, measureIdleCpu } from "./idleCpu.js";
import { defaultIdleHeap, measureIdleHeap } from "./idleHeap.js";
import { formatTable, readRecorded, writeRecorded } from "./report.js";
import { type BenchResults, failures } from "./results.js";
import { SERVER_KINDS, SERVER_LABELS, type ServerKind } from "./servers.js";
import { defaultFirstStart, measureFirstStart, measureStartMemory } from "./startMemory.js";
import { round } from "./stats.js";
import { defaultStorm, measureStorm } from "./storm.js";
import { benchRowSpecs, benchRows, describeDetails } from "./table.js";

/**
 * `npm run bench`: the same clients against our server (embedded PGlite
 * storage, accounts and limits on) and against two references in memory,
 * `@y/websocket-server` ("reference") and Hocuspocus 4, one after the other
 * so they never compete for the machine's cores. Each metric starts fresh
 * servers. `crossInstance` compares two of ours (shared PostgreSQL and
 * Redis) with themselves. Every figure is printed with its ratio to the best
 * reference; one over its target in a full, quiet run prints as REGRESSION
 * beside the figure last recorded (results/recorded.json).
 *
 * BENCH_ONLY=fanout,crossInstance,coldLoad,idleHeap,crowded,storm,memory,idleCpu
 * runs a subset; BENCH_ORDER=reference,hocuspocus,ours sets the order (and
 * leaves out a server not named); BENCH_QUICK=1 shortens everything for a
 * smoke run whose figures mean nothing.
 */
const METRICS = ["fanout", "crossInstance", "coldLoad", "idleHeap", "crowded", "storm", "memory", "idleCpu"];
const quick = process.env.BENCH_QUICK === "1";
const only = new Set((process.env.BENCH_ONLY ?? METRICS.join(",")).split(","));
for (const name of only) if (!METRICS.includes(name)) throw new Error(`BENCH_ONLY: no metric "${name}"`);
// Which server goes first; reversing it shows whether order (a warmer machine, page cache) matters.
const kinds = (process.env.BENCH_ORDER ?? SERVER_KINDS.join(",")).split(",") as ServerKind[];
for (const kind of kinds)
  if (!SERVER_KINDS.includes(kind)) throw new Error(`BENCH_ORDER: no server "${kind}"`);
// Each stock WebsocketProvider adds a process "exit" listener (to clear its awareness); 300 of them are expected.
process.setMaxListeners(1_000);
const resultsDir = join(dirname(fileURLToPath(import.meta.url)), "results");
const resultsFile = join(resultsDir, "latest.json");
const recordedFile = join(resultsDir, "recorded.json");

const results: BenchResults = {};
const label = (kind: ServerKind) => SERVER_LABELS[kind];
const benchStarted = Date.now();

if (only.has("fanout")) {
  const options = quick
    ? { ...defaultFanout, documents: 4, warmupMs: 1_000, measureMs: 3_000 }
    : defaultFanout;
  console.log(
    `fan-out: ${options.documents} documents × ${options.clientsPerDocument} clients, ${options.rounds} rounds of ${options.measureMs / 1000} s per server, alternating…`,
  );
  results.fanout = await measureFanoutAlternating(kinds, options);
}
if (only.has("crossInstance")) {
  const options = quick
    ? { ...defaultCrossInstance, documents: 4, warmupMs: 1_000, measureMs: 3_000, rounds: 1 }
    : defaultCrossInstance;
  console.log(
    `fan-out across instances: ${options.documents} documents × (${options.writersPerDocument} writers + ${options.readersPerDocument} readers), ${options.rounds} rounds of ${options.measureMs / 1000} s per placement, alternating…`,
  );
  results.crossInstance = await measureCrossInstance(options);
}
if (only.has("coldLoad")) {
  const options = quick
    ? { ...defaultColdLoad, paragraphs: 300, deletes: 30, repetitions: 2 }
    : defaultColdLoad;
  results.coldLoad = {};
  // In memory, Hocuspocus drops a document with its last socket: there is nothing to load cold.
  for (const kind of kinds.filter((k) => k !== "hocuspocus")) {
    console.log(
      `cold load: ${label(kind)} (${options.paragraphs} paragraphs, ${options.repetitions} repetitions)…`,
    );
    results.coldLoad[kind] = await withServer(kind, {}, (server) => measureColdLoad(server, options));
  }
  if (kinds.includes("reference")) {
    console.log("cold load: y-websocket with LevelDB persistence (YPERSISTENCE)…");
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
      `idle heap: ${label(kind)} (${options.connections} connections over ${options.documents} documents)…`,
    );
    results.idleHeap[kind] = await withServer(kind, { inspect: true }, (server) =>
      measureIdleHeap(server, options),
    );
  }
}
if (only.has("crowded")) {
  const options = quick ? { ...defaultCrowded, warmupMs: 1_000, measureMs: 5_000 } : defaultCrowded;
  results.crowded = {};
  for (const kind of kinds) {
    console.log(
      `crowded document: ${label(kind)} (${options.clients} clients, ${options.measuring} measuring, the others writing every ${options.intervalMs} ms, ${options.measureMs / 1000} s)…`,
    );
    results.crowded[kind] = await withServer(kind, {}, (server) => measureCrowded(server, options));
  }
}
if (only.has("storm")) {
  const options = quick ? { ...defaultStorm, sockets: 400, documents: 40, people: 20 } : defaultStorm;
  results.storm = {};
  for (const kind of kinds) {
    console.log(
      `reconnect storm: ${label(kind)} (${options.sockets} sockets over ${options.documents} documents from ${options.people} people on ${options.devices} devices each, ${options.inFlight} at a time; first connections, then all of them again)…`,
    );
    results.storm[kind] = await withServer(kind, {}, (server) => measureStorm(server, options));
  }
}
if (only.has("memory")) {
  const options = quick ? { documents: 5 } : defaultFirstStart;
  results.startMemory = {};
  for (const kind of kinds) {
    if (kind === "ours") {
      // Two starts on one DATA_DIR: the first creates it and leaves documents, the second is measured idle.
      const dataDir = mkdtempSync(join(tmpdir(), "bench-data-"));
      try {
        console.log(
          `memory: ours, first start on an empty data folder (then ${options.documents} documents)…`,
        );
        results.firstStart = await withServer("ours", { dataDir }, (server) =>
          measureFirstStart(server, options),
        );
        console.log("memory: ours, started again on that folder, idle…");
        results.startMemory.ours = await withServer("ours", { dataDir }, measureStartMemory);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    } else {
      console.log(`memory: ${label(kind)}, started, idle…`);
      results.startMemory[kind] = await withServer(kind, {}, measureStartMemory);
    }
  }
}
if (only.has("idleCpu")) {
  const options = quick
    ? { ...defaultIdleCpu, sockets: 400, documents: 40, settleMs: 2_000, holdMs: 8_000 }
    : defaultIdleCpu;
  results.idleCpu = {};
  for (const kind of kinds) {
    console.log(
      `idle CPU: ${label(kind)} (${options.sockets} sockets over ${options.documents} documents, held ${options.holdMs / 1000} s)…`,
    );
    results.idleCpu[kind] = await withServer(kind, {}, (server) => measureIdleCpu(server, options));
  }
}

const date = new Date().toISOString();
const rows = benchRows(results, quick);
const recorded = readRecorded(recordedFile);
if (rows.length > 0) console.log(`\n${formatTable(rows, recorded).join("\n")}`);
if (results.crossInstance) console.log(describeCrossInstance(results.crossInstance).join("\n"));
console.log(describeDetails(results, kinds).join("\n"));
if (quick) console.log("quick run: the figures mean nothing, and none is called a regression");

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  memoryGiB: round(totalmem() / 2 ** 30, 1),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
mkdirSync(resultsDir, { recursive: true });
const durationSeconds = round((Date.now() - benchStarted) / 1000, 0);
const report = { date, quick, machine, durationSeconds, table: rows, results };
// Arrays of numbers on one line, as the repository's formatter (Biome) lays them out.
const json = JSON.stringify(report, null, 2).replace(
  /\[\s*([-\d.,\s]+?)\s*\]/g,
  (_, list: string) => `[${list.split(/,\s*/).join(", ")}]`,
);
writeFileSync(resultsFile, `${json}\n`);
// A quick run's figures mean nothing; only a full run's quiet ones are kept as the last recorded.
if (!quick)
  writeRecorded(recordedFile, rows, new Map(benchRowSpecs(results).map((s) => [s.metric, s])), date);
console.log(`\nresults written to ${resultsFile} (${durationSeconds} s)`);
// A figure over target is a finding, not a failure; only a metric that could not run fails the bench.
const failed = failures(results);
if (failed.length > 0) console.error(`could not measure:\n  ${failed.join("\n  ")}`);
process.exit(failed.length > 0 ? 1 : 0);
