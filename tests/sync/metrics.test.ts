import { describe, expect, it } from "vitest";
import { connectClient, createDocument, waitFor, waitForStored, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const TOKEN = "a-metrics-token-for-tests";

/** One metric's value from Prometheus text format (the unlabelled sample). */
function sample(text: string, name: string): number | undefined {
  const line = text.split("\n").find((row) => row.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

async function scrape(url: string, token = TOKEN): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
}

describe("GET /metrics", () => {
  it("needs the token, then reports connections, documents, messages and store timings", async () => {
    const server = await servers.start({ env: { METRICS_TOKEN: TOKEN } });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await scrape(server.url, "a-wrong-token-of-same-size")).status).toBe(401);

    const before = await scrape(server.url);
    expect(before.status).toBe(200);
    expect(sample(before.text, "caucus_sync_connections")).toBe(0);
    expect(sample(before.text, "caucus_documents_loaded")).toBe(0);
    expect(before.text).toContain("caucus_nodejs_heap_size_total_bytes");

    const { id } = await createDocument(server, "Metered");
    const writer = connectClient(server, id, { stored: true });
    const reader = connectClient(server, id);
    await Promise.all([waitForSynced(writer.provider), waitForSynced(reader.provider)]);
    for (let i = 0; i < 20; i++) writer.ytext.insert(writer.ytext.length, `${i} `);
    await waitForStored(writer);
    await waitFor(() => reader.text() === writer.text(), { message: "reader to catch up" });

    const during = await scrape(server.url);
    expect(sample(during.text, "caucus_sync_connections")).toBe(2);
    expect(sample(during.text, "caucus_documents_loaded")).toBe(1);
    const received = sample(during.text, "caucus_sync_messages_received_total") ?? 0;
    const sent = sample(during.text, "caucus_sync_messages_sent_total") ?? 0;
    // At least the 20 updates in. Out, the greetings (a sync step 1 and an
    // answer to each socket) and the updates relayed to the reader, which
    // arrive merged when several came in one turn of the server's event loop
    // (sync/TurnEdits): one frame or more.
    expect(received).toBeGreaterThanOrEqual(20);
    expect(sent).toBeGreaterThanOrEqual(5);
    expect(sample(during.text, "caucus_sync_received_bytes_total")).toBeGreaterThan(0);
    expect(sample(during.text, "caucus_store_duration_seconds_count")).toBeGreaterThan(0);

    writer.destroy();
    reader.destroy();
    await waitFor(async () => sample((await scrape(server.url)).text, "caucus_documents_loaded") === 0, {
      message: "the document to unload",
    });
    const after = await scrape(server.url);
    expect(sample(after.text, "caucus_sync_connections")).toBe(0);
    // Counters only grow.
    expect(sample(after.text, "caucus_sync_messages_received_total")).toBeGreaterThanOrEqual(received);
  });

  it("does not exist without a token configured", async () => {
    const server = await servers.start();
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await response.text()).not.toContain("caucus_sync_connections");
  });
});
