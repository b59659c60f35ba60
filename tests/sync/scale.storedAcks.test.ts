import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultAccount } from "../support/accounts.js";
import {
  connectClient,
  createDocument,
  type TestClient,
  waitFor,
  waitForStored,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { type NetProxy, startNetProxy } from "../support/netProxy.js";
import { type PostgresCluster, sharedPostgres } from "../support/postgres.js";
import { type RedisServer, startRedis } from "../support/redis.js";

/**
 * The "stored" acknowledgement (message type 100) with two instances whose
 * writes overlap: each stores its own sockets' edits and tells the other,
 * and a client is told its document is stored once both parts are, however
 * the writes interleave. One instance reaches PostgreSQL through a slow
 * link, so its write is still running when the other's confirmation arrives.
 */

const servers = useServers();
let postgres: PostgresCluster;
let redis: RedisServer;
let slowLink: NetProxy | undefined;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([sharedPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.dispose()]);
});
afterEach(async () => {
  await slowLink?.close();
  slowLink = undefined;
});

/** A client's state vector as `[clientId, clock]` pairs, for failure messages. */
function describeStored(client: TestClient): string {
  return JSON.stringify([...(client.storedStateVector() ?? [])]);
}

describe("stored acknowledgements across instances", () => {
  it("a client on the slower instance is told everything is stored, also what the other instance stored during its write", async () => {
    const databaseUrl = await postgres.createDatabase();
    const fast = await servers.start({ env: { DATABASE_URL: databaseUrl, REDIS_URL: redis.url } });
    // Every answer from PostgreSQL reaches the slow instance 300 ms late.
    slowLink = await startNetProxy(postgres.port, { latencyMs: 300 });
    const slowUrl = databaseUrl.replace(`:${postgres.port}/`, `:${slowLink.port}/`);
    const slow = await servers.start({ env: { DATABASE_URL: slowUrl, REDIS_URL: redis.url } });

    const owner = await defaultAccount(fast);
    const { id } = await createDocument(fast, "Position paper on data retention");
    const amina = connectClient(fast, id, { account: owner, stored: true });
    const rahim = connectClient(slow, id, { account: owner, stored: true });
    await Promise.all([waitForSynced(amina.provider), waitForSynced(rahim.provider, 15_000)]);

    for (let round = 0; round < 3; round++) {
      // Both type in the same tick: the fast instance stores Amina's edit and
      // says so while the slow one is still writing Rahim's.
      amina.ytext.insert(amina.ytext.length, `<amina:${round}>`);
      rahim.ytext.insert(rahim.ytext.length, `<rahim:${round}>`);
      await waitFor(() => amina.text() === rahim.text() && rahim.text().includes(`<amina:${round}>`), {
        message: () => `convergence in round ${round}: ${amina.text()} / ${rahim.text()}`,
      });
      await waitForStored(amina, 10_000);
      await waitForStored(rahim, 10_000).catch((error: unknown) => {
        throw new Error(
          `round ${round}: the slow instance never told Rahim that Amina's edit is stored (stored ${describeStored(rahim)}; Amina is client ${amina.ydoc.clientID}): ${String(error)}`,
        );
      });
    }
    expect(rahim.text()).toBe(amina.text());
  });
});
