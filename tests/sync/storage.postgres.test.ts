import { CloseCode } from "@caucus/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, connectClient, createDocument, readText, waitFor, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { type PostgresCluster, startPostgres } from "../support/postgres.js";
import { describeStorageContract } from "../support/storageContract.js";

const servers = useServers();
let postgres: PostgresCluster;

// One cluster for the file (initdb is the slow part); one empty database per test.
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

describeStorageContract("postgres", async () =>
  servers.start({ env: { DATABASE_URL: await postgres.createDatabase() } }),
);

describe("PostgreSQL outages", () => {
  it("refuses with 4500 a document it cannot load, never serving it empty, and serves it once PostgreSQL is back", async () => {
    const server = await servers.start({ env: { DATABASE_URL: await postgres.createDatabase() } });
    const { id } = await createDocument(server, "Loaded from storage");
    const writer = connectClient(server, id);
    await waitForSynced(writer.provider);
    writer.ytext.insert(0, "the real text");
    writer.destroy();
    // A restart leaves nothing in memory: the next socket must load from PostgreSQL.
    expect((await server.stop()).code).toBe(0);
    await server.restart();

    await postgres.kill();
    let reader: ReturnType<typeof connectClient> | undefined;
    const textsAtSync: string[] = [];
    try {
      reader = connectClient(server, id);
      reader.provider.on("sync", (synced: boolean) => {
        if (synced && reader) textsAtSync.push(reader.text());
      });
      const refused = reader;
      await waitFor(() => refused.closeCodes.includes(CloseCode.documentLoadFailed), {
        timeout: 15_000,
        message: () => `a 4500 close while PostgreSQL is down (saw ${refused.closeCodes})`,
      });
      expect(textsAtSync).toEqual([]);
      // 4500 is not final: the stock client keeps trying.
      expect(reader.provider.shouldConnect).toBe(true);
    } finally {
      await postgres.restart();
    }
    const back = reader;
    await waitFor(() => back.provider.synced && back.text() === "the real text", {
      timeout: 30_000,
      message: () =>
        `the reader to load the document once PostgreSQL is back (text ${JSON.stringify(back.text())})`,
    });
    expect(textsAtSync[0]).toBe("the real text");
  });

  it("keeps the document when PostgreSQL is killed and comes back, and reports degraded health meanwhile", async () => {
    const server = await servers.start({
      env: { DATABASE_URL: await postgres.createDatabase(), STORE_DELAY_MS: "50" },
    });
    const { id } = await createDocument(server, "Through a database crash");
    const writer = connectClient(server, id);
    await waitForSynced(writer.provider);
    writer.ytext.insert(0, "stored before the crash. ");
    await waitFor(async () => (await readText(server, id)) === "stored before the crash. ", {
      message: "server to have the first edit",
    });

    await postgres.kill();
    try {
      await waitFor(
        async () => {
          const health = await api<{ status: string; storage: { ok: boolean } }>(
            server,
            "GET",
            "/api/health",
          );
          return health.body.status === "degraded" && health.body.storage.ok === false;
        },
        { timeout: 15_000, message: "health to report degraded storage" },
      );
      // Edits made during the outage stay live in memory...
      writer.ytext.insert(writer.ytext.length, "written during the outage.");
    } finally {
      await postgres.restart();
    }
    await waitFor(
      async () => (await api<{ status: string }>(server, "GET", "/api/health")).body.status === "ok",
      {
        timeout: 20_000,
        message: "health to recover once PostgreSQL is back",
      },
    );
    // ...and are stored once it is back: they survive a graceful restart of the server.
    await waitFor(async () => (await readText(server, id)) === writer.text(), {
      message: "server to hold every edit",
    });
    writer.destroy();
    expect((await server.stop()).code).toBe(0);
    await server.restart();
    expect(await readText(server, id)).toBe("stored before the crash. written during the outage.");
  });
});
