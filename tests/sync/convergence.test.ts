import { describe, expect, it } from "vitest";
import { connectClient, createDocument, readText, waitFor, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();

describe("sync between stock y-websocket clients", () => {
  it("two clients editing at the same time end with the same text, containing both sides' edits", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Joint statement", "statement");
    const alice = connectClient(server, id);
    const bob = connectClient(server, id);
    await Promise.all([waitForSynced(alice.provider), waitForSynced(bob.provider)]);

    // Both sides write in the same tick, so every edit crosses another in flight.
    const aliceTokens: string[] = [];
    const bobTokens: string[] = [];
    for (let i = 0; i < 25; i++) {
      aliceTokens.push(`[alice ${i}]`);
      bobTokens.push(`[bob ${i}]`);
      alice.ytext.insert(alice.ytext.length, `[alice ${i}]`);
      bob.ytext.insert(0, `[bob ${i}]`);
    }
    const expectedLength = [...aliceTokens, ...bobTokens].join("").length;

    await waitFor(() => alice.text() === bob.text() && alice.text().length === expectedLength, {
      message: () => `convergence; alice=${JSON.stringify(alice.text())} bob=${JSON.stringify(bob.text())}`,
    });
    for (const token of [...aliceTokens, ...bobTokens]) expect(alice.text()).toContain(token);
    // Each side's own order is preserved.
    const aliceOrder = aliceTokens.map((token) => alice.text().indexOf(token));
    expect(aliceOrder).toEqual([...aliceOrder].sort((a, b) => a - b));
    // And the server holds the same: a third client sees exactly this text.
    expect(await readText(server, id)).toBe(alice.text());
  });

  it("a late joiner receives the full state, including deletions, from the server", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Intervention on article 5", "intervention");
    const writer = connectClient(server, id);
    await waitForSynced(writer.provider);
    writer.ytext.insert(0, "Chair, we thank the delegation of Chile.");
    writer.ytext.insert(writer.ytext.length, " We propose to delete paragraph 3.");
    writer.ytext.delete(0, "Chair, ".length);
    writer.ydoc.getMap("meta").set("speakingLimitSeconds", 180);
    const expected = "we thank the delegation of Chile. We propose to delete paragraph 3.";
    expect(writer.text()).toBe(expected);

    // Joining while the writer is still there.
    const late = connectClient(server, id);
    await waitForSynced(late.provider);
    await waitFor(() => late.text() === expected, {
      message: () => `late joiner text ${JSON.stringify(late.text())}`,
    });
    expect(late.ydoc.getMap("meta").get("speakingLimitSeconds")).toBe(180);

    // Joining after everyone has left: only the server can provide the state.
    writer.destroy();
    late.destroy();
    const later = connectClient(server, id);
    await waitForSynced(later.provider);
    expect(later.text()).toBe(expected);
    expect(later.ydoc.getMap("meta").get("speakingLimitSeconds")).toBe(180);
  });
});
