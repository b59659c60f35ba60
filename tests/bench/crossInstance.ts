import { cpus } from "node:os";
import { defaultAccount, type TestAccount } from "../support/accounts.js";
import { connectClient, createDocument, waitFor, waitForSynced } from "../support/clients.js";
import { type PostgresCluster, startPostgres } from "../support/postgres.js";
import { type RedisServer, startRedis } from "../support/redis.js";
import { ONE_ADDRESS_FOR_MANY_CLIENTS, startServer, type TestServer } from "../support/server.js";
import {
  combineRounds,
  type FanoutLayout,
  type FanoutOptions,
  type FanoutResult,
  type FanoutRound,
  type FanoutSeat,
  measureLayoutRound,
} from "./fanout.js";
import {
  BENCH_METRICS_TOKEN,
  type InstanceActivity,
  instanceActivity,
  scrapeMetrics,
} from "./instanceMetrics.js";
import {
  cpuSnapshot,
  FOREIGN_CPU_WARNING,
  foreignCores,
  processTree,
  QUIET_WAIT_MS,
  waitForQuietMachine,
} from "./machine.js";
import { round, summarize } from "./stats.js";

export interface CrossInstanceOptions extends Omit<FanoutOptions, "clientsPerDocument"> {
  /** Clients of each document that edit; they sit on the document's home instance. */
  writersPerDocument: number;
  /** Clients of each document that only read and time arrivals; the placement moves them. */
  readersPerDocument: number;
}

export const defaultCrossInstance: CrossInstanceOptions = {
  documents: 20,
  writersPerDocument: 3,
  readersPerDocument: 7,
  intervalMs: 200,
  warmupMs: 4_000,
  measureMs: 9_000,
  rounds: 3,
};

/** Issue 4's target for the hop between instances. */
export const CROSS_INSTANCE_TARGET = { extraHopP50Ms: 2, p99Ratio: 1.5 } as const;

/**
 * `oneInstance`: every client of a document on its home instance.
 * `acrossInstances`: writers on the home instance, readers on the other, so
 * every timed delivery goes through Redis.
 */
export type Placement = "oneInstance" | "acrossInstances";
export const PLACEMENTS: readonly Placement[] = ["oneInstance", "acrossInstances"];

type PlacementResult =
  | (FanoutResult & {
      foreignCores: number;
      /** Each round's own p50 and p99 (ms), to show the spread behind the pooled figures. */
      roundP50s: number[];
      roundP99s: number[];
      /** Each round's share of the machine used by other processes, in cores. */
      roundForeignCores: number[];
      /** Each round as the instances' own /metrics saw it (GC, event loop, Redis publish round trip). */
      roundInstances: InstanceActivity[];
    })
  | { error: string };

export interface CrossInstanceResult {
  oneInstance: PlacementResult;
  acrossInstances: PlacementResult;
  /** p50 across − p50 on one instance, in ms: what the hop adds to a typical delivery. */
  extraHopP50?: number;
  /** p99 across ÷ p99 on one instance. */
  p99Ratio?: number;
  /** Both figures within {@link CROSS_INSTANCE_TARGET}. */
  meetsTarget?: boolean;
}

/** Two instances of our server sharing one PostgreSQL and one Redis, all started by the bench. */
interface BenchCluster {
  instances: [TestServer, TestServer];
  /** The account that owns every document; its cookie opens a socket on either instance. */
  owner: TestAccount;
  backingPids(): number[];
  logs(): string;
  stop(): Promise<void>;
}

/**
 * Fan-out latency with each document's readers on the writers' instance
 * and on the other one, in alternating rounds over the same cluster: same
 * documents per round, same clients, same edit rate. Document `d`'s home is
 * instance `d mod 2`, so in both placements each instance is home to half
 * the documents and both processes carry the same share of the work; the
 * only difference is whether an edit reaches its readers through Redis.
 */
export async function measureCrossInstance(
  options: CrossInstanceOptions = defaultCrossInstance,
): Promise<CrossInstanceResult> {
  const cluster = await startBenchCluster();
  const rounds = new Map<Placement, FanoutRound[]>(PLACEMENTS.map((p) => [p, []]));
  const foreign = new Map<Placement, number[]>(PLACEMENTS.map((p) => [p, []]));
  const activity = new Map<Placement, InstanceActivity[]>(PLACEMENTS.map((p) => [p, []]));
  const errors = new Map<Placement, string>();
  try {
    const unreachable = await probeHop(cluster);
    if (unreachable) {
      errors.set("acrossInstances", unreachable);
      console.error(`  ${unreachable}; measuring one instance only`);
    }
    for (let r = 0; r < options.rounds; r++) {
      // one, across, across, one, …: neither always goes first.
      for (const placement of r % 2 === 0 ? PLACEMENTS : [...PLACEMENTS].reverse()) {
        if (errors.has(placement)) continue;
        const busy = await waitForQuietMachine(cpus().length, FOREIGN_CPU_WARNING, QUIET_WAIT_MS);
        if (busy >= FOREIGN_CPU_WARNING)
          console.warn(`  the machine is busy (${round(busy)} cores used by others)`);
        // Ours are this process, its children (both instances, Redis) and PostgreSQL's processes.
        const ours = () => processTree([process.pid, ...cluster.backingPids()]);
        const before = cpuSnapshot(ours());
        console.log(`  round ${r + 1}: ${placement === "oneInstance" ? "one instance" : "across instances"}`);
        const scraped = await Promise.all(cluster.instances.map(scrapeMetrics));
        const started = performance.now();
        rounds.get(placement)?.push(await measureLayoutRound(layout(cluster, placement, options), options));
        foreign.get(placement)?.push(foreignCores(before, cpuSnapshot(ours()), cpus().length));
        const seconds = (performance.now() - started) / 1000;
        const after = await Promise.all(cluster.instances.map(scrapeMetrics));
        activity.get(placement)?.push(instanceActivity(scraped, after, seconds));
      }
    }
  } catch (error) {
    console.error(`  fan-out across instances failed: ${String(error)}`);
    console.error(cluster.logs());
    for (const placement of PLACEMENTS) errors.set(placement, String(error).split("\n")[0] as string);
  } finally {
    await cluster.stop();
  }

  const summary = (placement: Placement): PlacementResult => {
    const error = errors.get(placement);
    if (error) return { error };
    const combined = combineRounds(rounds.get(placement) ?? []);
    if (combined.count === 0) return { error: `no deliveries were timed ${placement}` };
    const shares = foreign.get(placement) ?? [];
    const perRound = (rounds.get(placement) ?? []).map((r) => summarize(r.latencies));
    return {
      ...combined,
      foreignCores: round(shares.reduce((a, b) => a + b, 0) / shares.length),
      roundP50s: perRound.map((r) => round(r.p50)),
      roundP99s: perRound.map((r) => round(r.p99)),
      roundForeignCores: shares.map((share) => round(share)),
      roundInstances: activity.get(placement) ?? [],
    };
  };
  const one = summary("oneInstance");
  const across = summary("acrossInstances");
  if ("error" in one || "error" in across) return { oneInstance: one, acrossInstances: across };
  const extraHopP50 = round(across.p50 - one.p50);
  const p99Ratio = round(across.p99 / one.p99);
  return {
    oneInstance: one,
    acrossInstances: across,
    extraHopP50,
    p99Ratio,
    meetsTarget:
      extraHopP50 < CROSS_INSTANCE_TARGET.extraHopP50Ms && p99Ratio <= CROSS_INSTANCE_TARGET.p99Ratio,
  };
}

/** Who sits where in one round: writers at home, readers at home or on the other instance. */
function layout(cluster: BenchCluster, placement: Placement, options: CrossInstanceOptions): FanoutLayout {
  const { instances, owner } = cluster;
  const home = (d: number) => instances[d % 2] as TestServer;
  const away = (d: number) => instances[(d + 1) % 2] as TestServer;
  return {
    createRoom: async (d) => (await createDocument(home(d), `across ${placement} ${d}`, "notes", owner)).id,
    seats(d) {
      const writer: FanoutSeat = { server: home(d), account: owner, writes: true, measures: false };
      const reader: FanoutSeat = {
        server: placement === "oneInstance" ? home(d) : away(d),
        account: owner,
        writes: false,
        measures: true,
      };
      return [
        ...Array.from({ length: options.writersPerDocument }, () => writer),
        ...Array.from({ length: options.readersPerDocument }, () => reader),
      ];
    },
    pids: instances.map((instance) => instance.process.pid as number),
    backingPids: () => processTree(cluster.backingPids()),
  };
}

const PROBE_TIMEOUT_MS = 10_000;

/**
 * One edit on the first instance, read on the second: the rounds across
 * instances would time nothing if it never arrives. Says why when it does not.
 */
async function probeHop(cluster: BenchCluster): Promise<string | undefined> {
  const [first, second] = cluster.instances;
  const { id } = await createDocument(first, "across probe", "notes", cluster.owner);
  const writer = connectClient(first, id, { account: cluster.owner });
  const reader = connectClient(second, id, { account: cluster.owner });
  try {
    await Promise.all([waitForSynced(writer.provider), waitForSynced(reader.provider)]);
    writer.ytext.insert(0, "probe");
    await waitFor(() => reader.text().includes("probe"), { timeout: PROBE_TIMEOUT_MS });
    return undefined;
  } catch {
    return `an edit made on one instance did not reach a reader on the other within ${PROBE_TIMEOUT_MS / 1000} s (is fan-out between instances wired into the rooms?)`;
  } finally {
    writer.destroy();
    reader.destroy();
  }
}

const STOP_TIMEOUT_MS = 15_000;

/**
 * PostgreSQL, Redis and two instances, both healthy (seeing Redis). Not
 * `support/cluster.ts`: the bench places each client on a chosen instance,
 * so the nginx in front of that cluster would only be one more process.
 */
async function startBenchCluster(): Promise<BenchCluster> {
  let postgres: PostgresCluster | undefined;
  let redis: RedisServer | undefined;
  const instances: TestServer[] = [];
  const stop = async () => {
    await Promise.all(
      instances.map(async (instance) => {
        await Promise.race([instance.stop(), new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS))]);
        await instance.dispose();
      }),
    );
    await Promise.all([redis?.dispose(), postgres?.stop()]);
  };
  try {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    const env = {
      ...ONE_ADDRESS_FOR_MANY_CLIENTS,
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
    };
    // One after the other: the first runs the migrations on the empty database.
    for (let i = 0; i < 2; i++) instances.push(await startServer({ env }));
    const [first, second] = instances as [TestServer, TestServer];
    // Both must see Redis before a round starts, or the first deliveries would be lost.
    for (const instance of instances) {
      await waitFor(async () => (await fetch(`${instance.url}/api/health`)).status === 200, {
        timeout: 15_000,
        message: `${instance.url} to report healthy`,
      });
    }
    const owner = await defaultAccount(first);
    const backing = [postgres, redis];
    return {
      instances: [first, second],
      owner,
      backingPids: () => backing.map((process) => process.pid()).filter((pid) => pid !== undefined),
      logs: () =>
        instances
          .map(
            (instance, i) =>
              `--- instance ${i + 1} ---\n${instance.logs().split("\n").slice(-30).join("\n")}`,
          )
          .join("\n"),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
