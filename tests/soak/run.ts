import { startBenchServer } from "../bench/servers.js";
import { defaultSoak, runSoak } from "./soak.js";

/**
 * `npm run soak`: our server (embedded storage) under steady edits and
 * socket churn for SOAK_MINUTES (default 10), 2,000 sockets over 200
 * documents unless SOAK_CONNECTIONS / SOAK_DOCUMENTS say otherwise. Fails
 * (exit 1) when the heap after GC grows more than 10% between the reading
 * after warm-up and the end, when a document stays loaded after its
 * clients leave, or when a stored text differs from its writer's.
 */
const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const totalMs = minutes * 60_000;
const warmupMs = Math.min(defaultSoak.warmupMs, totalMs / 10);
const options = {
  ...defaultSoak,
  connections: Number(process.env.SOAK_CONNECTIONS ?? defaultSoak.connections),
  documents: Number(process.env.SOAK_DOCUMENTS ?? defaultSoak.documents),
  warmupMs,
  durationMs: totalMs - warmupMs,
};

const server = await startBenchServer("ours", { inspect: true });
let failed = true;
try {
  const started = Date.now();
  const result = await runSoak(server, options);
  const summary = {
    minutes,
    connections: options.connections,
    documents: options.documents,
    editsPerSecond: options.editsPerSecond,
    churnPerSecond: options.churnPerSecond,
    heapAfterGcStartMiB: round(result.start.heapUsedAfterGc / 2 ** 20),
    heapAfterGcEndMiB: round(result.end.heapUsedAfterGc / 2 ** 20),
    heapGrowthPercent: round(result.heapGrowth * 100),
    rssStartMiB: round(result.start.rss / 2 ** 20),
    rssEndMiB: round(result.end.rss / 2 ** 20),
    edits: result.edits,
    readerReconnects: result.churned,
    writerReconnects: result.writerReconnects,
    documentsLoadedAfterLeaving: result.loadedAfter,
    unloadSeconds: round(result.unloadMs / 1000),
    documentsMismatched: result.mismatched.length,
    wallSeconds: Math.round((Date.now() - started) / 1000),
  };
  console.log(`soak result: ${JSON.stringify(summary, null, 2)}`);
  for (const failure of result.failures) console.error(`soak FAILED: ${failure}`);
  failed = result.failures.length > 0;
} finally {
  await server.stop();
}
process.exit(failed ? 1 : 0);

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
