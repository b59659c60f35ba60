import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { defaultAccount } from "../support/accounts.js";
import { connectClient, createDocument, waitFor, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { type PostgresCluster, startPostgres } from "../support/postgres.js";
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
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.dispose()]);
});

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
  });

  it("stores what an instance relayed before it died unstored", async () => {
    const databaseUrl = await postgres.createDatabase();
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, ADOPT_AFTER_MS: "1000" };
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
  });
});
