import { cpus } from "node:os";
import {
  combineRounds,
  type FanoutOptions,
  type FanoutResult,
  type FanoutRound,
  measureFanoutRound,
} from "./fanout.js";
import {
  cpuSnapshot,
  FOREIGN_CPU_WARNING,
  foreignCores,
  QUIET_WAIT_MS,
  waitForQuietMachine,
} from "./machine.js";
import type { Measured, PerServer } from "./results.js";
import {
  type BenchServer,
  SERVER_LABELS,
  type ServerKind,
  type StartOptions,
  startBenchServer,
} from "./servers.js";
import { round } from "./stats.js";

/**
 * Runs one measurement on a fresh server of `kind`, after waiting (boundedly)
 * for the machine to go quiet, and says how many cores other processes used
 * meanwhile. A failure is reported with the server's last output and
 * returned as `{ error }`, so the other measurements still run.
 */
export async function withServer<T>(
  kind: ServerKind,
  options: StartOptions,
  run: (server: BenchServer) => Promise<T>,
): Promise<Measured<T>> {
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
        `  warning: other processes used ${foreign} cores meanwhile; the figures of ${SERVER_LABELS[kind]} are suspect`,
      );
    }
    return { ...result, foreignCores: foreign };
  } catch (error) {
    const output = server?.logs().split("\n").slice(-30).join("\n") ?? "(did not start)";
    console.error(`  ${kind}: ${String(error)}\n--- last server output ---\n${output}`);
    return { error: String(error).split("\n")[0] as string };
  } finally {
    await server?.stop();
  }
}

/**
 * Fan-out with every server running at once (an idle one costs nothing) and
 * the rounds alternating between them, so a build or test run that starts
 * on this shared machine mid-bench lands on every server's figures rather
 * than one's.
 */
export async function measureFanoutAlternating(
  kinds: readonly ServerKind[],
  options: FanoutOptions,
): Promise<PerServer<FanoutResult>> {
  const out: PerServer<FanoutResult> = {};
  const servers = new Map<ServerKind, BenchServer>();
  const rounds = new Map<ServerKind, FanoutRound[]>(kinds.map((kind) => [kind, []]));
  const foreign = new Map<ServerKind, number[]>(kinds.map((kind) => [kind, []]));
  try {
    for (const kind of kinds) servers.set(kind, await startBenchServer(kind));
    for (let r = 0; r < options.rounds; r++) {
      // ours, reference, …, reference, ours, …: none always goes first.
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
    console.error(`  fan-out failed: ${String(error)}`);
    for (const [kind, server] of servers)
      console.error(`--- ${kind} ---\n${server.logs().split("\n").slice(-30).join("\n")}`);
    for (const kind of kinds) out[kind] ??= { error: String(error).split("\n")[0] as string };
  } finally {
    for (const server of servers.values()) await server.stop();
  }
  return out;
}
