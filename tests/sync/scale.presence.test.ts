import type { TPresenceEntry } from "@caucus/shared";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultAccount, memberOf, type TestAccount, workspaceOf } from "../support/accounts.js";
import { api, type ServerAddress, waitFor } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { startNginx, type TestNginx } from "../support/nginx.js";
import { sleep } from "../support/ports.js";
import { type PostgresCluster, sharedPostgres } from "../support/postgres.js";
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
  [postgres, redis] = await Promise.all([sharedPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.dispose()]);
});
afterEach(async () => {
  await nginx?.dispose();
  nginx = undefined;
});

/**
 * Presence entries live this long without a heartbeat: half the shipped
 * PRESENCE_TTL_MS (8 s), with heartbeats every second instead of the web
 * app's 4 s, so the same ratio holds and the test waits half as long.
 */
const TTL_MS = 4_000;
const HEARTBEAT_MS = 1_000;

async function report(proxy: ServerAddress, person: TestAccount, workspaceId: string, tab: string) {
  expect(await tryReport(proxy, person, workspaceId, tab)).toBe(200);
}

/** A heartbeat as the web app sends it, which shrugs off a failed one; the status. */
async function tryReport(
  through: ServerAddress,
  person: TestAccount,
  workspaceId: string,
  tab: string,
): Promise<number> {
  const { status } = await api(
    through,
    "POST",
    `/api/workspaces/${workspaceId}/presence`,
    { connectionId: tab, documentId: null, status: "remote", timeZone: "Asia/Dhaka" },
    { account: person },
  );
  return status;
}

interface TStreamEvent {
  event: string;
  data: unknown;
  /** When it arrived, epoch milliseconds. */
  at: number;
}

/** Follows one instance's presence stream (Server-Sent Events) and records what it sends. */
async function followPresence(server: TestServer, viewer: TestAccount, workspaceId: string) {
  const abort = new AbortController();
  const response = await fetch(`${server.url}/api/workspaces/${workspaceId}/presence/stream`, {
    headers: { cookie: viewer.cookie },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  const events: TStreamEvent[] = [];
  const body = response.body;
  if (!body) throw new Error("the presence stream has no body");
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const reading = (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? "message";
        const data = [...block.matchAll(/^data: ?(.*)$/gm)].map((match) => match[1]).join("\n");
        // Comment lines (keep-alives) carry no data.
        if (data) events.push({ event, data: JSON.parse(data), at: Date.now() });
      }
    }
  })().catch(() => undefined);
  return {
    events,
    async close() {
      abort.abort();
      await reading;
    },
  };
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
  it("agrees on every instance, and a person who stops reporting is gone within their TTL (and 2 s) everywhere", async () => {
    const env = {
      DATABASE_URL: await postgres.createDatabase(),
      REDIS_URL: redis.url,
      TRUST_PROXY: "true",
      PRESENCE_TTL_MS: String(TTL_MS),
    };
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

    // Rahim's laptop sends one last report and dies; the others keep reporting.
    const rahim = people.findIndex((person) => person.name === "Rahim in Dhaka");
    await report(proxy, people[rahim] as TestAccount, workspaceId, `tab-${rahim}-abcdef`);
    const died = Date.now();
    const alive = people.filter((person) => person.name !== "Rahim in Dhaka");
    const keepAlive = setInterval(() => {
      // A heartbeat that fails (a reused connection closed under it) is shrugged off, as the web app does.
      for (const [index, person] of alive.entries())
        void tryReport(proxy, person, workspaceId, `tab-alive-${index}-x`).catch(() => {});
    }, HEARTBEAT_MS);
    try {
      for (const server of [first, second]) {
        await waitFor(async () => !(await namesOn(server, owner, workspaceId)).includes("Rahim in Dhaka"), {
          timeout: 12_000,
          interval: 200,
          message: `Rahim to drop out on ${server.port}`,
        });
      }
      expect(Date.now() - died).toBeLessThan(TTL_MS + 2_000);
      // Not before its time either: the entry lived its full TTL (less this test's polling).
      expect(Date.now() - died).toBeGreaterThanOrEqual(TTL_MS - 1_000);
      for (const server of [first, second]) {
        expect(await namesOn(server, owner, workspaceId)).toEqual(alive.map((person) => person.name).sort());
      }
    } finally {
      clearInterval(keepAlive);
    }
  });

  it("an entry reported through an instance that dies is gone from the others within its TTL (and 2 s); a tab that reports on stays", async () => {
    const env = {
      DATABASE_URL: await postgres.createDatabase(),
      REDIS_URL: redis.url,
      TRUST_PROXY: "true",
      PRESENCE_TTL_MS: String(TTL_MS),
    };
    const doomed = await servers.start({ env });
    const survivor = await servers.start({ env });
    nginx = await startNginx([doomed.port, survivor.port]);
    const proxy = { url: nginx.url, wsUrl: nginx.wsUrl };
    const owner = await defaultAccount(proxy);
    const workspaceId = await workspaceOf(proxy, owner);
    const amina = await memberOf(proxy, "Amina in Nairobi");
    const lucia = await memberOf(proxy, "Lucía in Santiago");

    // The owner watches the survivor's stream, as an open tab there would.
    const stream = await followPresence(survivor, owner, workspaceId);
    try {
      await waitFor(() => stream.events.some((event) => event.event === "snapshot"), {
        message: "the stream's first snapshot",
      });
      // Both report straight to the instance that will die.
      await report(doomed, amina, workspaceId, "tab-amina-123");
      await report(doomed, lucia, workspaceId, "tab-lucia-123");
      const luciaReportedToDoomed = Date.now();
      await waitFor(
        async () =>
          JSON.stringify(await namesOn(survivor, owner, workspaceId)) ===
          JSON.stringify([amina.name, lucia.name].sort()),
        { message: "the survivor to list both" },
      );

      // Amina's only route was that instance: her reports stop with it. Lucía's
      // tab reports on through the proxy, as the web app does.
      await doomed.kill("SIGKILL");
      const died = Date.now();
      const luciaStatuses: number[] = [];
      const keepAlive = setInterval(() => {
        void tryReport(proxy, lucia, workspaceId, "tab-lucia-123").then(
          (status) => luciaStatuses.push(status),
          () => luciaStatuses.push(0),
        );
      }, HEARTBEAT_MS);
      const left = (person: TestAccount, tab: string) =>
        stream.events.find((event) => {
          const change = event.data as { type?: string; connectionId?: string };
          return (
            event.event === "change" &&
            change.type === "left" &&
            change.connectionId === `${person.userId}.${tab}`
          );
        });
      try {
        const aminaLeft = await waitFor(() => left(amina, "tab-amina-123"), {
          timeout: 12_000,
          interval: 100,
          message: "the survivor's stream to announce that Amina left",
        });
        expect(aminaLeft.at - died).toBeLessThan(TTL_MS + 2_000);
        expect(await namesOn(survivor, owner, workspaceId)).not.toContain(amina.name);
        // Lucía outlives her report to the dead instance by more than a TTL, without a "left" in between.
        await sleep(Math.max(0, luciaReportedToDoomed + TTL_MS + 1_000 - Date.now()));
        expect(await namesOn(survivor, owner, workspaceId)).toEqual([lucia.name]);
        expect(left(lucia, "tab-lucia-123")).toBeUndefined();
        expect(luciaStatuses).toContain(200);
      } finally {
        clearInterval(keepAlive);
      }
    } finally {
      await stream.close();
    }
  });
});
