import { readFileSync } from "node:fs";

// What the kernel says of a process, from /proc/<pid>: its memory and its
// CPU time. Linux only, like the rest of the tests' process handling.

/** VmRSS of `pid` in bytes; the kernel's view, which counts what V8's heap figure omits. */
export function readRss(pid: number): number {
  return readStatusBytes(pid, "VmRSS");
}

/** VmHWM of `pid` in bytes: the highest RSS the process has had since it started. */
export function readPeakRss(pid: number): number {
  return readStatusBytes(pid, "VmHWM");
}

function readStatusBytes(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
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
