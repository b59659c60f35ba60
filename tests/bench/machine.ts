import { readdirSync, readFileSync } from "node:fs";
import { processTicks } from "../support/processStats.js";

/** CPU ticks of the whole machine and of the processes under measurement. */
export interface CpuSnapshot {
  total: number;
  busy: number;
  own: number;
}

/**
 * Reads /proc: all CPU ticks, busy ticks, and the ticks spent by `pids`
 * (the bench and the server under test). The difference between two
 * snapshots tells how much of the machine something else used meanwhile.
 */
export function cpuSnapshot(pids: readonly number[]): CpuSnapshot {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
  // idle + iowait are the ticks in which a core had nothing to run.
  const busy = total - (fields[3] ?? 0) - (fields[4] ?? 0);
  let own = 0;
  for (const pid of pids) own += processTicks(pid);
  return { total, busy, own };
}

/**
 * Average number of cores used by processes other than `pids` between two
 * snapshots. On a 2-core machine anything above ~0.1 means another job
 * (a build, a test run) competed with the bench and the figures are suspect.
 */
export function foreignCores(before: CpuSnapshot, after: CpuSnapshot, cores: number): number {
  const elapsed = (after.total - before.total) / cores;
  if (elapsed <= 0) return 0;
  const foreign = after.busy - before.busy - (after.own - before.own);
  return Math.max(0, foreign / elapsed);
}

/**
 * Waits (at most `maxWaitMs`) until other processes have used less than
 * `threshold` cores over a 2-second window, so a measurement does not start
 * in the middle of someone's build. Returns the last window's figure.
 */
export async function waitForQuietMachine(
  cores: number,
  threshold: number,
  maxWaitMs: number,
): Promise<number> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const before = cpuSnapshot([process.pid]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const foreign = foreignCores(before, cpuSnapshot([process.pid]), cores);
    if (foreign < threshold || Date.now() >= deadline) return foreign;
  }
}

/** Cores used by other processes during a measurement above which its figures are flagged. */
export const FOREIGN_CPU_WARNING = 0.1;
/** Longest wait for other jobs to finish before each measurement; bounded so the bench always ends. */
export const QUIET_WAIT_MS = 20_000;

/**
 * `roots` and every process descended from them, read from /proc now: a
 * PostgreSQL postmaster's backends, which come and go with its connections.
 */
export function processTree(roots: readonly number[]): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // exited while we looked
    }
  }
  const tree = new Set<number>();
  const pending = [...roots];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    if (tree.has(pid)) continue;
    tree.add(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return [...tree];
}
