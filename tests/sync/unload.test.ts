import { describe, expect, it } from "vitest";
import { api, connectClient, createDocument, readText, waitFor, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();

async function loadedDocuments(server: Parameters<typeof api>[0]): Promise<number> {
  const health = await api<{ documentsLoaded: number }>(server, "GET", "/api/health");
  return health.body.documentsLoaded;
}

describe("documents in memory", () => {
  it("loads a document once for all its sockets, and unloads it after the last leaves", async () => {
    const server = await servers.start();
    const first = await createDocument(server, "First");
    const second = await createDocument(server, "Second");
    expect(await loadedDocuments(server)).toBe(0);

    // Three sockets racing to open the same cold document share one load.
    const clients = [0, 1, 2].map(() => connectClient(server, first.id));
    await Promise.all(clients.map((client) => waitForSynced(client.provider)));
    expect(await loadedDocuments(server)).toBe(1);
    const other = connectClient(server, second.id);
    await waitForSynced(other.provider);
    expect(await loadedDocuments(server)).toBe(2);

    clients[0]?.ytext.insert(0, "kept after unload");
    await waitFor(() => clients[2]?.text() === "kept after unload", {
      message: "edit to reach the third client",
    });
    for (const client of clients) client.destroy();
    await waitFor(async () => (await loadedDocuments(server)) === 1, {
      timeout: 10_000,
      message: "the first document to unload once its sockets left",
    });
    other.destroy();
    await waitFor(async () => (await loadedDocuments(server)) === 0, {
      timeout: 10_000,
      message: "all unloaded",
    });

    // Loading it again comes from storage, with the edit.
    expect(await readText(server, first.id)).toBe("kept after unload");
  });
});
