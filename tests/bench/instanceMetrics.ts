import type { TestServer } from "../support/server.js";
import { round } from "./stats.js";

/** The bearer token the bench starts its instances with, to read their /metrics. */
export const BENCH_METRICS_TOKEN = "a-metrics-token-for-the-bench";

/** One scrape of an instance's /metrics: each sample line's value by its name and labels. */
export type MetricsScrape = Map<string, number>;

/** Reads `GET /metrics` (Prometheus text) of an instance started with {@link BENCH_METRICS_TOKEN}. */
export async function scrapeMetrics(instance: TestServer): Promise<MetricsScrape> {
  const response = await fetch(`${instance.url}/metrics`, {
    headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}: ${text.slice(0, 200)}`);
  const samples: MetricsScrape = new Map();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** What the instances' own metrics say about a round: where a hop's time could go. */
export interface InstanceActivity {
  /** Garbage collection pauses of both instances together, in ms per second of the round. */
  gcMsPerSecond: number;
  /** Their count over the round, both instances. */
  gcPauses: number;
  /** Worst instance's event-loop delay p99 over the round, in ms (prom-client samples every 10 ms). */
  eventLoopP99: number;
  /** Publishes to Redis in the round, both instances. */
  publishes: number;
  /** Upper bounds (ms) of the buckets holding the median and the 99th publish round trip, when any. */
  publishP50AtMost?: number;
  publishP99AtMost?: number;
}

const GC = "caucus_nodejs_gc_duration_seconds";
const PUBLISH_BUCKET = /^caucus_fanout_publish_seconds_bucket\{le="([^"]+)"\}$/;

/**
 * Differences between scrapes taken before and after a round on each
 * instance. prom-client resets its event-loop histogram at every scrape, so
 * the `after` scrape's p99 covers exactly the round.
 */
export function instanceActivity(
  before: readonly MetricsScrape[],
  after: readonly MetricsScrape[],
  seconds: number,
): InstanceActivity {
  let gcSeconds = 0;
  let gcPauses = 0;
  let eventLoopP99 = 0;
  const buckets = new Map<number, number>();
  after.forEach((scrape, i) => {
    const earlier = before[i] ?? new Map();
    const delta = (key: string) => (scrape.get(key) ?? 0) - (earlier.get(key) ?? 0);
    for (const key of scrape.keys()) {
      if (key.startsWith(`${GC}_sum`)) gcSeconds += delta(key);
      else if (key.startsWith(`${GC}_count`)) gcPauses += delta(key);
      const le = PUBLISH_BUCKET.exec(key)?.[1];
      if (le) {
        const bound = le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le);
        buckets.set(bound, (buckets.get(bound) ?? 0) + delta(key));
      }
    }
    eventLoopP99 = Math.max(
      eventLoopP99,
      (scrape.get("caucus_nodejs_eventloop_lag_p99_seconds") ?? 0) * 1000,
    );
  });
  // Cumulative buckets, ascending; +Inf holds the count.
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const publishes = buckets.get(Number.POSITIVE_INFINITY) ?? 0;
  const atMost = (share: number) => {
    const bound = bounds.find((b) => (buckets.get(b) ?? 0) >= share * publishes);
    return bound === undefined || publishes === 0 ? undefined : round(bound * 1000, 3);
  };
  return {
    gcMsPerSecond: round((gcSeconds * 1000) / seconds),
    gcPauses,
    eventLoopP99: round(eventLoopP99),
    publishes,
    publishP50AtMost: atMost(0.5),
    publishP99AtMost: atMost(0.99),
  };
}
