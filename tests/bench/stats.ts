/** Summary of a set of latency or duration samples, in milliseconds. */
export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  mean: number;
  max: number;
}

/**
 * Nearest-rank percentile of an ascending array: the smallest sample with at
 * least `p`% of samples at or below it. No interpolation, so every reported
 * figure is a latency that was actually observed.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Sorts a copy of `samples` and summarizes it. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  let total = 0;
  for (const value of values) total += value;
  return {
    count: values.length,
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    p999: percentile(values, 99.9),
    mean: values.length ? total / values.length : Number.NaN,
    max: values.length ? (values[values.length - 1] as number) : Number.NaN,
  };
}

/** Median of a few repetitions (cold loads), robust to one outlier. */
export function median(samples: readonly number[]): number {
  return percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );
}

/** Rounds for display and JSON: latencies to 0.01 ms are already below clock noise. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
