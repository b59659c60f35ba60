import { CROSS_INSTANCE_TARGET, type CrossInstanceResult, PLACEMENTS } from "./crossInstance.js";
import type { InstanceActivity } from "./instanceMetrics.js";
import { FOREIGN_CPU_WARNING } from "./machine.js";
import { round } from "./stats.js";

/** The figures as lines for the bench's report, ending with the verdict against the target. */
export function describeCrossInstance(result: CrossInstanceResult): string[] {
  const lines = ["\nfan-out across instances (both on PostgreSQL + Redis)   p50 ms   p99 ms"];
  for (const placement of PLACEMENTS) {
    const figures = result[placement];
    const label =
      placement === "oneInstance" ? "readers on the writers' instance" : "readers on the other instance";
    lines.push(
      "error" in figures
        ? `  ${label.padEnd(52)}${figures.error}`
        : `  ${label.padEnd(52)}${String(round(figures.p50)).padEnd(9)}${round(figures.p99)}`,
    );
  }
  if (result.extraHopP50 !== undefined && result.p99Ratio !== undefined) {
    lines.push(
      `  extra hop: p50 ${result.extraHopP50 < 0 ? "" : "+"}${result.extraHopP50} ms (target < ${CROSS_INSTANCE_TARGET.extraHopP50Ms}), p99 ×${result.p99Ratio} (target ≤ ${CROSS_INSTANCE_TARGET.p99Ratio}): ${result.meetsTarget ? "target met" : "over target"}`,
    );
  }
  const busy = PLACEMENTS.flatMap((placement) => {
    const figures = result[placement];
    return "error" in figures ? [] : figures.roundForeignCores.filter((share) => share > FOREIGN_CPU_WARNING);
  });
  if (busy.length > 0) {
    lines.push(
      `  warning: other processes used over ${FOREIGN_CPU_WARNING} cores in ${busy.length} rounds; one busy round can move a pooled p99, so compare the quiet rounds' own figures below`,
    );
  }
  for (const placement of PLACEMENTS) {
    const figures = result[placement];
    if ("error" in figures) continue;
    const missing = figures.expected - figures.count;
    lines.push(
      `  ${placement}: (${figures.rounds} rounds; p50 by round ${figures.roundP50s.join(", ")}, p99 ${figures.roundP99s.join(", ")}, other processes ${figures.roundForeignCores.join(", ")} cores) p90 ${round(figures.p90)} ms, p99.9 ${round(figures.p999)} ms, max ${round(figures.max)} ms; ${figures.edits} of ${figures.scheduledEdits} scheduled edits, ${figures.count} deliveries of ${figures.expected} expected${missing > 0 ? ` (${missing} missing)` : ""}, ${figures.disconnects} disconnects; instances ${figures.serverCores} cores, Redis + PostgreSQL ${figures.backingCores ?? "?"} cores; bench event-loop p99 ${figures.clientLoopDelayP99} ms, other processes ${figures.foreignCores} cores`,
    );
    const by = (pick: (round: InstanceActivity) => number | undefined) =>
      figures.roundInstances.map((r) => pick(r) ?? "—").join(", ");
    lines.push(
      `    instances by round: GC ${by((r) => r.gcMsPerSecond)} ms/s (${by((r) => r.gcPauses)} pauses), event-loop p99 ${by((r) => r.eventLoopP99)} ms, Redis publish round trip p50 ≤ ${by((r) => r.publishP50AtMost)} ms, p99 ≤ ${by((r) => r.publishP99AtMost)} ms over ${by((r) => r.publishes)} publishes`,
    );
  }
  return lines;
}
