import type { TPresenceEntry } from "@caucus/shared";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultAccount, memberOf, type TestAccount, workspaceOf } from "../support/accounts.js";
import { api, type ServerAddress, waitFor } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { startNginx, type TestNginx } from "../support/nginx.js";
import { type PostgresCluster, startPostgres } from "../support/postgres.js";
import { type RedisServer, startRedis } from "../support/redis.js";
import type { TestServer } from "../support/server.js";

/**
 * Two instances on one PostgreSQL and one Redis, behind the shipped nginx
 * config (round-robin): people report through the proxy, whichever
 * instance answers, and every instance lists the same people.
 */

const servers = useServers();
let postgres: PostgresCluster;
let redis: RedisServer;
let nginx: TestNginx | undefined;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.dispose()]);
});
afterEach(async () => {
  await nginx?.dispose();
  nginx = undefined;
});

const TTL_MS = 8_000;

async function report(proxy: ServerAddress, person: TestAccount, workspaceId: string, tab: string) {
  const { status } = await api(
    proxy,
    "POST",
    `/api/workspaces/${workspaceId}/presence`,
    { connectionId: tab, documentId: null, status: "remote", timeZone: "Asia/Dhaka" },
    { account: person },
  );
  expect(status).toBe(200);
}

/** Names online as one instance, asked directly (not through the proxy), sees them. */
async function namesOn(server: TestServer, viewer: TestAccount, workspaceId: string): Promise<string[]> {
  const response = await fetch(`${server.url}/api/workspaces/${workspaceId}/presence`, {
    headers: { cookie: viewer.cookie },
  });
  const body = (await response.json()) as { entries: TPresenceEntry[] };
  return body.entries.map((entry) => entry.name).sort();
}

describe("presence across instances", () => {
  it("agrees on every instance, and a person who stops reporting is gone within 10 s everywhere", async () => {
    const env = { DATABASE_URL: await postgres.createDatabase(), REDIS_URL: redis.url, TRUST_PROXY: "true" };
    const first = await servers.start({ env });
    const second = await servers.start({ env });
    nginx = await startNginx([first.port, second.port]);
    const proxy = { url: nginx.url, wsUrl: nginx.wsUrl };

    const owner = await defaultAccount(proxy);
    const workspaceId = await workspaceOf(proxy, owner);
    const people = [owner];
    for (const name of ["Amina in Nairobi", "Rahim in Dhaka", "Lucía in Santiago"]) {
      people.push(await memberOf(proxy, name));
    }
    // Each reports twice, so round-robin sends each to both instances at least once.
    for (const [index, person] of people.entries()) {
      await report(proxy, person, workspaceId, `tab-${index}-abcdef`);
      await report(proxy, person, workspaceId, `tab-${index}-abcdef`);
    }
    const everyone = people.map((person) => person.name).sort();
    for (const server of [first, second]) {
      await waitFor(
        async () => JSON.stringify(await namesOn(server, owner, workspaceId)) === JSON.stringify(everyone),
        {
          message: `instance on ${server.port} to list everyone`,
        },
      );
    }

    // Rahim's laptop sends one last report and dies; the others keep reporting every 2 s.
    const rahim = people.findIndex((person) => person.name === "Rahim in Dhaka");
    await report(proxy, people[rahim] as TestAccount, workspaceId, `tab-${rahim}-abcdef`);
    const died = Date.now();
    const alive = people.filter((person) => person.name !== "Rahim in Dhaka");
    const keepAlive = setInterval(() => {
      for (const [index, person] of alive.entries())
        void report(proxy, person, workspaceId, `tab-alive-${index}-x`);
    }, 2_000);
    try {
      for (const server of [first, second]) {
        await waitFor(async () => !(await namesOn(server, owner, workspaceId)).includes("Rahim in Dhaka"), {
          timeout: 12_000,
          interval: 200,
          message: `Rahim to drop out on ${server.port}`,
        });
      }
      expect(Date.now() - died).toBeLessThan(10_000);
      // Not before its time either: the entry lived its full TTL (less this test's polling).
      expect(Date.now() - died).toBeGreaterThanOrEqual(TTL_MS - 1_000);
      for (const server of [first, second]) {
        expect(await namesOn(server, owner, workspaceId)).toEqual(alive.map((person) => person.name).sort());
      }
    } finally {
      clearInterval(keepAlive);
    }
  });
});
