import { buildRow, type Row, type RowSpec } from "./report.js";
import { type BenchResults, measured, type PerServer } from "./results.js";
import { SERVER_LABELS, type ServerKind } from "./servers.js";
import { round } from "./stats.js";
import type { StormWave } from "./storm.js";

const KIB = 1024;
const MB = 1_000_000;

/** Every row the bench prints, with its target from issue 15 (none: shown for context). */
export function benchRowSpecs(results: BenchResults): RowSpec<never>[] {
  const specs: RowSpec<never>[] = [];
  const add = <T>(spec: RowSpec<T>) => specs.push(spec as unknown as RowSpec<never>);
  const { fanout, coldLoad, idleHeap, crowded, storm, startMemory, idleCpu } = results;
  const one = { ratio: 1 };

  add({ metric: "fan-out latency p50", unit: "ms", per: fanout, pick: (r) => r.p50, target: one });
  add({ metric: "fan-out latency p99", unit: "ms", per: fanout, pick: (r) => r.p99, target: one });
  // Context, not a target: ours stores every edit, the references store nothing.
  add({ metric: "server CPU during fan-out", unit: "cores", per: fanout, pick: (r) => r.serverCores });
  add({
    metric: "load, nobody connected (median)",
    unit: "ms",
    per: coldLoad,
    pick: (r) => r.cold.median,
    target: one,
  });
  add({
    metric: "load from storage, ref. on LevelDB",
    unit: "ms",
    per: coldLoad && { ours: coldLoad.ours, reference: results.coldLoadStoredReference },
    pick: (r) => r.cold.median,
    target: one,
  });
  add({
    metric: "load, document held open (median)",
    unit: "ms",
    per: coldLoad,
    pick: (r) => r.warm.median,
    target: one,
  });
  const memory = { timing: false, target: one };
  add({
    metric: "heap after GC per idle connection",
    unit: "KiB",
    per: idleHeap,
    pick: (r) => r.heapPerConnection / KIB,
    ...memory,
  });
  add({
    metric: "RSS per idle connection",
    unit: "KiB",
    per: idleHeap,
    pick: (r) => r.rssPerConnection / KIB,
    ...memory,
  });

  const crowdedTarget = { ratio: 0.8, against: "best" } as const;
  add({
    metric: "crowded document: delivery p50",
    unit: "ms",
    per: crowded,
    pick: (r) => r.p50,
    target: crowdedTarget,
  });
  add({
    metric: "crowded document: delivery p99",
    unit: "ms",
    per: crowded,
    pick: (r) => r.p99,
    target: crowdedTarget,
  });
  add({ metric: "crowded document: server CPU", unit: "s", per: crowded, pick: (r) => r.serverCpuSeconds });
  for (const [wave, name] of [
    ["first", "first"],
    ["reconnect", "reconnect"],
  ] as const) {
    add({
      metric: `storm, ${name}: admitted per second`,
      unit: "/s",
      per: storm,
      pick: (r) => r[wave].socketsPerSecond,
      target: one,
      higherIsBetter: true,
    });
    add({
      metric: `storm, ${name}: server CPU per socket`,
      unit: "ms",
      per: storm,
      pick: (r) => r[wave].cpuMsPerSocket,
    });
  }
  add({
    metric: "idle RSS, start on existing data",
    unit: "MB",
    per: startMemory,
    pick: (r) => r.rss / MB,
    target: { atMost: 200 },
    timing: false,
  });
  add({
    metric: "peak RSS, first start on empty folder",
    unit: "MB",
    per: results.firstStart && { ours: results.firstStart },
    pick: (r) => r.peakRss / MB,
    target: { atMost: 400 },
    timing: false,
  });
  add({
    metric: "idle CPU while sockets are held",
    unit: "s",
    per: idleCpu,
    pick: (r) => r.cpuSeconds,
    target: one,
  });
  return specs;
}

/** The rows of this run's table, in print order, for the metrics that ran. */
export function benchRows(results: BenchResults, quick: boolean): Row[] {
  return benchRowSpecs(results)
    .map((spec) => buildRow(spec, quick))
    .filter((row): row is Row => row !== undefined);
}

/** What the table hides: sample counts, losses, disconnects, where each load came from. */
export function describeDetails(results: BenchResults, kinds: readonly ServerKind[]): string[] {
  const lines: string[] = [];
  const mb = (bytes: number) => round(bytes / MB, 1);
  const mib = (bytes: number) => round(bytes / 2 ** 20, 1);
  const each = <T>(
    per: PerServer<T> | undefined,
    describe: (result: T & { foreignCores: number }) => string,
  ) => {
    for (const kind of kinds) {
      const result = measured(per?.[kind]);
      if (result)
        lines.push(
          `${SERVER_LABELS[kind]}: ${describe(result)}, other processes ${result.foreignCores} cores`,
        );
    }
  };
  each(results.fanout, (fan) => {
    const missing = fan.expected - fan.count;
    return `fan-out (${fan.rounds} rounds) p90 ${round(fan.p90)} ms, p99.9 ${round(fan.p999)} ms, max ${round(fan.max)} ms; ${fan.edits} of ${fan.scheduledEdits} scheduled edits made, ${fan.count} deliveries of ${fan.expected} expected${missing > 0 ? ` (${missing} missing)` : ""}, ${fan.disconnects} disconnects, bench event-loop p99 ${fan.clientLoopDelayP99} ms, bench CPU ${fan.clientCores} cores`;
  });
  each(
    results.coldLoad,
    (load) =>
      `load of ${load.characters} characters (${load.stateBytes} bytes, ${load.transactions} transactions) from ${load.coldSource}: ${load.cold.runs.join(", ")} ms; held open: ${load.warm.runs.join(", ")} ms`,
  );
  const stored = measured(results.coldLoadStoredReference);
  if (stored) {
    lines.push(
      `y-websocket on LevelDB: load from ${stored.coldSource}: ${stored.cold.runs.join(", ")} ms; held open: ${stored.warm.runs.join(", ")} ms; other processes ${stored.foreignCores} cores`,
    );
  }
  if (results.coldLoad?.reference) {
    lines.push(
      'note: without persistence y-websocket never unloads a document, so its "nobody connected" load is served from memory while ours is read from storage; "load from storage" compares like with like. Hocuspocus in memory drops a document with its last socket, so it has no cold load to measure.',
    );
  }
  each(
    results.idleHeap,
    (heap) =>
      `${heap.connected} connections let in; heap ${mib(heap.before.heapUsedAfterGc)} → ${mib(heap.after.heapUsedAfterGc)} MiB, RSS ${mib(heap.before.rss)} → ${mib(heap.after.rss)} MiB`,
  );
  each(results.crowded, (c) => {
    const missing = c.expected - c.count;
    return `crowded document p90 ${round(c.p90)} ms, p99.9 ${round(c.p999)} ms, max ${round(c.max)} ms; ${c.edits} of ${c.scheduledEdits} scheduled edits made, ${c.count} deliveries of ${c.expected} expected${missing > 0 ? ` (${missing} missing)` : ""}, ${c.disconnects} disconnects, bench event-loop p99 ${c.clientLoopDelayP99} ms, bench CPU ${c.clientCores} cores`;
  });
  each(results.storm, (s) => {
    const wave = (name: string, w: StormWave) =>
      `${name}: ${w.admitted} let in, ${w.refused} refused or unanswered, in ${w.seconds} s, open → let in p50 ${round(w.admitP50)} ms, p99 ${round(w.admitP99)} ms, server CPU ${w.serverCpuSeconds} s`;
    return `reconnect storm from ${s.sessions} sessions: ${wave("first connections", s.first)}; ${wave("reconnections", s.reconnect)}`;
  });
  const first = measured(results.firstStart);
  if (first) {
    lines.push(
      `ours: first start on an empty folder: peak ${mb(first.peakRss)} MB, ${mb(first.rss)} MB once idle (${round(first.idleAfterMs / 1000, 1)} s after listening); then ${first.documents} documents stored for the next start; other processes ${first.foreignCores} cores`,
    );
  }
  each(
    results.startMemory,
    (m) =>
      `idle ${round(m.idleAfterMs / 1000, 1)} s after listening: RSS ${mb(m.rss)} MB, peak of that start ${mb(m.peakRss)} MB`,
  );
  each(
    results.idleCpu,
    (idle) =>
      `idle CPU: ${idle.admitted} sockets let in, ${idle.stillOpen} still open after the ${idle.holdSeconds} s hold, ${idle.cpuSeconds} s of CPU in it`,
  );
  return lines;
}
