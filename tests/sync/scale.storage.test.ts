import { DocumentRepository } from "@caucus/server/documents/DocumentRepository";
import { migrate } from "@caucus/server/platform/db/migrations";
import { PostgresClient } from "@caucus/server/platform/db/PostgresClient";
import { UpdateLog } from "@caucus/server/sync/UpdateLog";
import { CloseCode } from "@caucus/shared";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { defaultAccount } from "../support/accounts.js";
import { api, connectClient, createDocument, waitFor, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { type PostgresCluster, sharedPostgres } from "../support/postgres.js";
import { type RedisServer, startRedis } from "../support/redis.js";

/**
 * Storage with several instances holding one document, on a real
 * PostgreSQL and Redis: an instance that loads the document late catches up
 * with edits another has not stored yet; each edit is stored once, by the
 * instance whose socket made it; and edits relayed from an instance that
 * dies before storing them are stored by the survivor.
 */

const servers = useServers();
let postgres: PostgresCluster;
let redis: RedisServer;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([sharedPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.dispose()]);
});

const METRICS_TOKEN = "a-metrics-token-for-scale-tests";

/** One unlabelled sample from an instance's /metrics. */
async function metric(url: string, name: string): Promise<number> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const line = (await response.text()).split("\n").find((row) => row.startsWith(`${name} `));
  return line === undefined ? Number.NaN : Number(line.slice(name.length + 1));
}

interface StoredRow {
  seq: string;
  data: Buffer;
}

async function storedRows(databaseUrl: string, documentId: string): Promise<Uint8Array[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<StoredRow>(
      "SELECT seq, data FROM document_updates WHERE document_id = $1 ORDER BY seq",
      [documentId],
    );
    return rows.map((row) => new Uint8Array(row.data));
  } finally {
    await client.end();
  }
}

function textOf(rows: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, row);
  return doc.getText("t").toString();
}

/** Every (client, clock) range each row carries; two rows sharing one means an edit was stored twice. */
function overlappingRows(rows: Uint8Array[]): string[] {
  const seen: { client: number; from: number; to: number; row: number }[] = [];
  const overlaps: string[] = [];
  rows.forEach((row, index) => {
    const meta = Y.parseUpdateMeta(row);
    for (const [client, from] of meta.from) {
      const to = meta.to.get(client) ?? from;
      for (const other of seen) {
        if (other.client === client && from < other.to && other.from < to) {
          overlaps.push(`client ${client} clocks ${from}..${to} in rows ${other.row} and ${index}`);
        }
      }
      seen.push({ client, from, to, row: index });
    }
  });
  return overlaps;
}

describe("storing with several instances", () => {
  it("catches a late instance up on unstored edits and stores each edit once", async () => {
    const databaseUrl = await postgres.createDatabase();
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      COMPACT_AFTER_UPDATES: "100000",
      STORE_DELAY_MS: "250",
      METRICS_TOKEN,
    };
    // The first instance stores slowly, so its edits are still unstored when the second loads.
    const slow = await servers.start({ env: { ...env, STORE_DELAY_MS: "4000" } });
    const fast = await servers.start({ env });
    const owner = await defaultAccount(slow);
    const { id } = await createDocument(slow, "Joint statement", "statement", owner);

    const onSlow = connectClient(slow, id, { account: owner });
    await waitForSynced(onSlow.provider);
    onSlow.ytext.insert(0, "Madam Chair, ");
    // Not in the database yet: only the slow instance's memory has it.
    expect(textOf(await storedRows(databaseUrl, id))).toBe("");

    const onFast = connectClient(fast, id, { account: owner });
    await waitForSynced(onFast.provider);
    await waitFor(() => onFast.text() === "Madam Chair, ", { message: "the late instance to catch up" });

    // Both type; every edit reaches the other side.
    for (let i = 0; i < 20; i++) {
      onSlow.ytext.insert(onSlow.ytext.length, `s${i} `);
      onFast.ytext.insert(0, `f${i} `);
    }
    await waitFor(() => onSlow.text() === onFast.text() && onFast.text().includes("s19"), {
      message: "both clients to converge",
    });
    const final = onSlow.text();
    await waitFor(async () => textOf(await storedRows(databaseUrl, id)) === final, {
      timeout: 15_000,
      message: "the database to hold the final text",
    });
    const rows = await storedRows(databaseUrl, id);
    expect(overlappingRows(rows)).toEqual([]);

    for (const server of [slow, fast]) {
      expect(await metric(server.url, "caucus_fanout_messages_published_total")).toBeGreaterThanOrEqual(20);
      expect(await metric(server.url, "caucus_fanout_messages_received_total")).toBeGreaterThanOrEqual(20);
      expect(await metric(server.url, "caucus_fanout_publish_seconds_count")).toBeGreaterThan(0);
      // Both were alive throughout: neither stored the other's edits.
      expect(await metric(server.url, "caucus_fanout_adopted_total")).toBe(0);
    }
  });

  it("stores what an instance relayed before it died unstored", async () => {
    const databaseUrl = await postgres.createDatabase();
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, ADOPT_AFTER_MS: "1000", METRICS_TOKEN };
    // The doomed instance would store only after a minute: it dies first.
    const doomed = await servers.start({ env: { ...env, STORE_DELAY_MS: "60000" } });
    const survivor = await servers.start({ env });
    const owner = await defaultAccount(survivor);
    const { id } = await createDocument(survivor, "Sign-on letter", "letter", owner);

    const watcher = connectClient(survivor, id, { account: owner });
    await waitForSynced(watcher.provider);
    const typist = connectClient(doomed, id, { account: owner });
    await waitForSynced(typist.provider);
    typist.ytext.insert(0, "We, the undersigned organisations, ");
    await waitFor(() => watcher.text() === "We, the undersigned organisations, ", {
      message: "the edit to cross to the survivor",
    });
    // The typist closes the tab, then its instance is killed before storing.
    typist.destroy();
    await doomed.kill("SIGKILL");
    expect(textOf(await storedRows(databaseUrl, id))).toBe("");

    await waitFor(
      async () => textOf(await storedRows(databaseUrl, id)) === "We, the undersigned organisations, ",
      { timeout: 10_000, message: "the survivor to store the dead instance's edit" },
    );
    expect(survivor.logs()).toContain("storing edits another instance did not confirm storing");
    expect(await metric(survivor.url, "caucus_fanout_adopted_total")).toBeGreaterThanOrEqual(1);
  });

  it("closes a deleted document's sockets on every instance", async () => {
    const env = { DATABASE_URL: await postgres.createDatabase(), REDIS_URL: redis.url };
    const first = await servers.start({ env });
    const second = await servers.start({ env });
    const owner = await defaultAccount(first);
    const { id } = await createDocument(first, "Draft to discard", "notes", owner);
    const onFirst = connectClient(first, id, { account: owner });
    const onSecond = connectClient(second, id, { account: owner });
    await Promise.all([waitForSynced(onFirst.provider), waitForSynced(onSecond.provider)]);

    const { status } = await api(first, "DELETE", `/api/documents/${id}`, undefined, { account: owner });
    expect(status).toBe(200);
    for (const client of [onFirst, onSecond]) {
      await waitFor(() => client.closeCodes.includes(CloseCode.documentNotFound), {
        message: "each socket closed as not found",
      });
    }
  });

  it("folds a log once when two instances compact at the same moment, keeping rows appended meanwhile", async () => {
    const databaseUrl = await postgres.createDatabase();
    const [a, b] = await Promise.all([PostgresClient.open(databaseUrl), PostgresClient.open(databaseUrl)]);
    try {
      await migrate(a);
      const id = crypto.randomUUID();
      const workspaceId = crypto.randomUUID();
      await a.query("INSERT INTO workspaces (id, name) VALUES ($1, 'Test coalition')", [workspaceId]);
      await new DocumentRepository(a).create({ id, title: "Log", kind: "notes", workspaceId });
      const [logA, logB] = [new UpdateLog(a), new UpdateLog(b)];
      const source = new Y.Doc();
      const text = source.getText("t");
      let last = Y.encodeStateVector(source);
      const edit = async (log: UpdateLog, words: string) => {
        text.insert(text.length, words);
        await log.append(id, Y.encodeStateAsUpdate(source, last));
        last = Y.encodeStateVector(source);
      };
      // Enough rows that folding takes a while, so the two folds really overlap.
      for (let i = 0; i < 1_000; i++) await edit(i % 2 ? logA : logB, `w${i} `);

      // Both fold while a third writer keeps appending.
      const appending = (async () => {
        for (let i = 1_000; i < 1_020; i++) await edit(logA, `w${i} `);
      })();
      const [foldedA, foldedB] = await Promise.all([logA.compact(id), logB.compact(id)]);
      await appending;
      // One of them folded the log (or both, one after the other); none folded rows twice.
      expect(foldedA + foldedB).toBeGreaterThanOrEqual(1_000);
      const rows = await storedRows(databaseUrl, id);
      expect(overlappingRows(rows)).toEqual([]);
      expect(textOf(rows)).toBe(text.toString());
      expect(rows.length).toBeLessThan(1_020);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
