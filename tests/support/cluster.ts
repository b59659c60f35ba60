import { afterAll, afterEach, beforeAll } from "vitest";
import { defaultAccount, type TestAccount } from "./accounts.js";
import {
  connectClient,
  readText,
  type ServerAddress,
  type TestClient,
  waitFor,
  waitForSynced,
} from "./clients.js";
import { useServers } from "./fixtures.js";
import { startNginx, type TestNginx } from "./nginx.js";
import { type PostgresCluster, sharedPostgres } from "./postgres.js";
import { type RedisServer, startRedis } from "./redis.js";
import type { StartServerOptions, TestServer } from "./server.js";

/** Bearer token for /metrics on every instance, to see where sockets landed. */
const METRICS_TOKEN = "a-metrics-token-for-scale-tests";

/** Starts a server and disposes it after the test: `useServers().start`. */
type StartServer = (options?: StartServerOptions) => Promise<TestServer>;

/**
 * Several instances of the server on one PostgreSQL database and one Redis,
 * behind the shipped nginx config (round-robin), as `docker-compose.yml`
 * deploys them.
 */
export interface TestCluster {
  readonly instances: TestServer[];
  readonly nginx: TestNginx;
  /** The proxy, as browsers reach it. */
  readonly proxy: ServerAddress;
  /** What every instance runs with (DATABASE_URL, REDIS_URL, ...). */
  readonly env: Record<string, string>;
  /** The first account, signed up through the proxy: owner of the workspace the tests use. */
  readonly owner: TestAccount;
  /** Open sync sockets on one instance, from its /metrics. */
  syncConnections(instance: TestServer): Promise<number>;
  /**
   * A new instance on the same database with no Redis and no proxy: it can
   * only know what PostgreSQL holds, as long as the others are dead.
   */
  startDatabaseReader(): Promise<TestServer>;
  dispose(): Promise<void>;
}

/**
 * Starts `count` instances on a new database of `postgres` and on `redis`,
 * and nginx in front of them. Instances are disposed by `start`'s owner
 * (`useServers`); `dispose` stops nginx.
 */
export async function startCluster(
  start: StartServer,
  backends: { postgres: PostgresCluster; redis: RedisServer },
  count: number,
  extraEnv: Record<string, string> = {},
): Promise<TestCluster> {
  const env = {
    DATABASE_URL: await backends.postgres.createDatabase(),
    REDIS_URL: backends.redis.url,
    TRUST_PROXY: "true",
    METRICS_TOKEN,
    ...extraEnv,
  };
  // The first one migrates the new database; the others find it ready.
  const first = await start({ env });
  const rest = await Promise.all(Array.from({ length: count - 1 }, () => start({ env })));
  const instances = [first, ...rest];
  const nginx = await startNginx(instances.map((instance) => instance.port));
  const proxy = { url: nginx.url, wsUrl: nginx.wsUrl };
  const owner = await defaultAccount(proxy);
  return {
    instances,
    nginx,
    proxy,
    env,
    owner,
    async syncConnections(instance) {
      const response = await fetch(`${instance.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      const text = await response.text();
      const line = text.split("\n").find((row) => row.startsWith("caucus_sync_connections "));
      if (response.status !== 200 || line === undefined) {
        throw new Error(`/metrics of ${instance.url} answered ${response.status}: ${text.slice(0, 200)}`);
      }
      return Number(line.slice("caucus_sync_connections ".length));
    },
    startDatabaseReader() {
      const { REDIS_URL: _redis, ...withoutRedis } = env;
      return start({ env: withoutRedis });
    },
    dispose: () => nginx.dispose(),
  };
}

/**
 * Connects `count` clients through the proxy, one after another, each
 * synced before the next opens, so round-robin spreads them over the
 * instances.
 */
export async function connectThroughProxy(
  cluster: TestCluster,
  documentId: string,
  count: number,
): Promise<TestClient[]> {
  const clients: TestClient[] = [];
  for (let i = 0; i < count; i++) {
    const client = connectClient(cluster.proxy, documentId, { account: cluster.owner, stored: true });
    await waitForSynced(client.provider);
    clients.push(client);
  }
  return clients;
}

/** Connects a client straight to one instance, bypassing the proxy (as the owner unless `account`); resolves once synced. */
export async function connectDirectly(
  cluster: TestCluster,
  instance: TestServer,
  documentId: string,
  account: TestAccount = cluster.owner,
): Promise<TestClient> {
  const client = connectClient(instance, documentId, { account, stored: true });
  await waitForSynced(client.provider);
  return client;
}

/**
 * Sync sockets on each instance, read once their sum is `total`: where the
 * clients really landed, not a guess from round-robin.
 */
export async function socketsPerInstance(cluster: TestCluster, total: number): Promise<number[]> {
  let seen: number[] = [];
  await waitFor(
    async () => {
      seen = await Promise.all(cluster.instances.map((instance) => cluster.syncConnections(instance)));
      return seen.reduce((sum, count) => sum + count, 0) === total;
    },
    { message: () => `${total} sync sockets over the instances (seen ${seen})` },
  );
  return seen;
}

/**
 * The document as PostgreSQL holds it: SIGKILLs every instance (no flush on
 * the way out), then reads through a new instance on the database alone.
 */
export async function readStoredText(cluster: TestCluster, documentId: string): Promise<string> {
  await Promise.all(cluster.instances.map((instance) => instance.kill("SIGKILL")));
  const reader = await cluster.startDatabaseReader();
  return readText(reader, documentId, { account: cluster.owner });
}

/**
 * Registers, in the calling test file, one PostgreSQL and one Redis for the
 * whole file, and tears down after each test the cluster `start` made (its
 * instances through `useServers`, its nginx here).
 */
export function useCluster() {
  const servers = useServers();
  let postgres: PostgresCluster | undefined;
  let redis: RedisServer | undefined;
  let running: TestCluster | undefined;
  beforeAll(async () => {
    [postgres, redis] = await Promise.all([sharedPostgres(), startRedis()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([postgres?.stop(), redis?.dispose()]);
  });
  afterEach(async () => {
    await running?.dispose();
    running = undefined;
  });
  const backends = () => {
    if (!postgres || !redis) throw new Error("useCluster: the backends start in beforeAll");
    return { postgres, redis };
  };
  return {
    /** The file's Redis, to kill and restart. */
    redis: () => backends().redis,
    /** Starts `count` instances on a new database, behind nginx. */
    async start(count: number, extraEnv: Record<string, string> = {}): Promise<TestCluster> {
      running = await startCluster(servers.start, backends(), count, extraEnv);
      return running;
    },
  };
}
