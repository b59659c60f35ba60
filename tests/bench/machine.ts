import { readdirSync, readFileSync } from "node:fs";

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

/** Clock ticks per second of /proc's CPU figures (USER_HZ); 100 on every Linux this runs on. */
export const TICKS_PER_SECOND = 100;

/** CPU ticks (user + system, all threads) that `pid` has used so far; 0 if it is gone. */
export function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces; fields are counted after its closing parenthesis.
    const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(after[11]) + Number(after[12]);
  } catch {
    return 0;
  }
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

/**
 * Waits until `pid` has used at most `maxCores` over a `windowMs` window
 * (a server done with its start: migrations, caches, first timers), at most
 * `maxWaitMs`. Returns how long it waited.
 */
export async function waitForIdleProcess(
  pid: number,
  { windowMs = 2_000, maxCores = 0.02, maxWaitMs = 30_000 } = {},
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const before = processTicks(pid);
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const cores = (processTicks(pid) - before) / TICKS_PER_SECOND / (windowMs / 1000);
    if (cores <= maxCores || Date.now() - started >= maxWaitMs) return Date.now() - started;
  }
}
