import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  connectClient,
  createDocument,
  readText,
  type TestClient,
  waitFor,
  waitForStored,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { sleep } from "../support/ports.js";
import { type PostgresCluster, startPostgres } from "../support/postgres.js";
import type { TestServer } from "../support/server.js";
import { expectEveryToken, startTyping, stopAll, type Typist } from "../support/typists.js";

/**
 * PostgreSQL stopped for a full 30 s in the middle of a session (issue 6;
 * `DB_OUTAGE_MS` shortens it for local runs). The server keeps relaying
 * edits, says it is degraded, never claims anything is stored while the
 * database is away, retries with backoff, and once the database is back
 * stores every edit (before, during and after) exactly once.
 */
const OUTAGE_MS = process.env.DB_OUTAGE_MS ? Number(process.env.DB_OUTAGE_MS) : 30_000;
const TYPISTS = 3;
const TYPE_EVERY_MS = 100;
/** What the server logs for each failed batched write (StoreScheduler). */
const STORE_FAILED = "storing documents failed; will retry";

const servers = useServers();
let postgres: PostgresCluster;

beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

interface THealth {
  status: string;
  storage: { ok: boolean };
}

/** Times (ms since the epoch) of the server's failed store attempts, from its JSON log. */
function storeFailures(server: TestServer): number[] {
  return server
    .logs()
    .split("\n")
    .filter((line) => line.includes(STORE_FAILED))
    .map((line) => (JSON.parse(line.slice(line.indexOf("{"))) as { time: number }).time);
}

/** Per typist, the clock of theirs that the server has said is stored, as each client last heard it. */
function storedClocks(clients: TestClient[], typists: Typist[]): number[] {
  return typists.map((typist) =>
    Math.max(0, ...clients.map((c) => c.storedStateVector()?.get(typist.client.ydoc.clientID) ?? 0)),
  );
}

/** Waits until every client shows the last token each typist has typed so far. */
async function expectLiveRelay(clients: TestClient[], typists: Typist[], when: string): Promise<void> {
  const latest = typists.map((typist) => typist.tokens.at(-1) ?? "");
  await waitFor(() => clients.every((c) => latest.every((token) => c.text().includes(token))), {
    timeout: 5_000,
    message: () =>
      `${when}: every client to see ${latest.join(" ")} live; clients hold ${clients.map((c) => c.text().length)} characters`,
  });
}

describe("PostgreSQL stopped mid-session", () => {
  it(
    `keeps serving through a ${OUTAGE_MS / 1000} s database outage and stores every edit once the database is back`,
    async () => {
      const server = await servers.start({
        env: { DATABASE_URL: await postgres.createDatabase(), STORE_DELAY_MS: "100" },
      });
      const { id } = await createDocument(server, "Statement drafted through a database outage");
      const clients = Array.from({ length: TYPISTS }, () => connectClient(server, id, { stored: true }));
      await Promise.all(clients.map((c) => waitForSynced(c.provider)));
      const typists = clients.map((client, i) => startTyping(`t${i}`, client, TYPE_EVERY_MS));
      const typed = () => typists.reduce((sum, typist) => sum + typist.tokens.length, 0);
      let checkpoints = 0;
      let retries: number[] = [];
      let outageMs = 0;
      try {
        // Before: typing is stored as usual.
        await sleep(1_500);
        await waitFor(() => storedClocks(clients, typists).every((clock) => clock > 0), {
          message: "each typist's first tokens to be acknowledged as stored before the outage",
        });
        const typedBefore = typed();
        const failuresBefore = storeFailures(server).length;

        await postgres.kill();
        const outageStarted = Date.now();
        let typedDuring = 0;
        try {
          await waitFor(
            async () => {
              const health = await api<THealth>(server, "GET", "/api/health");
              return health.status === 503 && health.body.status === "degraded" && !health.body.storage.ok;
            },
            { timeout: 15_000, message: "/api/health to report degraded storage" },
          );
          // A write that was under way when the database died may still have been confirmed: settle first.
          await sleep(1_000);
          const claimedEarly = storedClocks(clients, typists);
          while (Date.now() - outageStarted < OUTAGE_MS) {
            // The clients still see each other's edits live: the server keeps serving.
            await expectLiveRelay(
              clients,
              typists,
              `${Math.round((Date.now() - outageStarted) / 1000)} s into the outage`,
            );
            const health = await api<THealth>(server, "GET", "/api/health");
            expect(health.status, "health during the outage").toBe(503);
            expect(health.body.storage.ok).toBe(false);
            checkpoints++;
            await sleep(Math.min(2_000, Math.max(0, OUTAGE_MS - (Date.now() - outageStarted))));
          }
          // Nothing typed during the outage may be claimed as stored.
          expect(
            storedClocks(clients, typists),
            "stored acknowledgements while the database is down",
          ).toEqual(claimedEarly);
          retries = storeFailures(server).slice(failuresBefore);
          typedDuring = typed() - typedBefore;
        } finally {
          outageMs = Date.now() - outageStarted;
          await postgres.restart();
        }

        // The server retried, and backed off between attempts rather than hammering.
        expect(retries.length, "failed store attempts logged during the outage").toBeGreaterThanOrEqual(3);
        const gaps = retries.slice(1).map((time, i) => time - (retries[i] as number));
        expect(
          gaps.at(-1),
          `the last retry gap is longer than the first (gaps ${gaps.join(", ")} ms)`,
        ).toBeGreaterThan(gaps[0] as number);

        await waitFor(
          async () => {
            const health = await api<THealth>(server, "GET", "/api/health");
            return health.status === 200 && health.body.status === "ok" && health.body.storage.ok;
          },
          // The longest backoff is 10 s; the first retry after it must succeed.
          { timeout: 30_000, message: "/api/health to return to ok once PostgreSQL is back" },
        );
        const typedAfterOutage = typed();
        // After: typing goes on, stored as usual.
        await sleep(1_500);
        stopAll(typists);
        await expectLiveRelay(clients, typists, "after the outage");
        await Promise.all(clients.map((c) => waitForStored(c, 30_000)));

        // Stored means stored: kill the server, and a fresh client finds every token once.
        for (const c of clients) c.destroy();
        await server.kill("SIGKILL");
        await server.restart();
        const text = await readText(server, id);
        expectEveryToken(text, typists, "the document read back after the outage and a SIGKILL");
        const stored = (text.match(/<t\d+:\d+>/g) ?? []).length;
        console.log(
          `database outage summary: outage=${(outageMs / 1000).toFixed(1)} s tokens typed=${typed()} ` +
            `(before ${typedBefore}, during ${typedDuring}, after ${typed() - typedBefore - typedDuring}; ` +
            `${typedAfterOutage - typedBefore} while the database was away or recovering) ` +
            `stored=${stored} lost=${typed() - stored} live-relay checks during the outage=${checkpoints} ` +
            `failed store attempts=${retries.length} (gaps ${retries
              .slice(1)
              .map((time, i) => time - (retries[i] as number))
              .join(", ")} ms)`,
        );
      } finally {
        stopAll(typists);
      }
    },
    OUTAGE_MS + 120_000,
  );
});
