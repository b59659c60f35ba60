import { describe, expect, it } from "vitest";
import { createDocument, waitFor, waitForStored, waitForSynced } from "../support/clients.js";
import {
  connectDirectly,
  connectThroughProxy,
  readStoredText,
  socketsPerInstance,
  useCluster,
} from "../support/cluster.js";
import { sleep } from "../support/ports.js";
import type { TestServer } from "../support/server.js";
import { expectEveryToken, startTyping, stopAll, waitForConvergence } from "../support/typists.js";

/**
 * An instance dies (SIGKILL) while people type on every instance. Those
 * who came through the proxy reconnect through it to the instance left;
 * one connected straight to the dead instance types on offline until it
 * is back. In the end every keystroke is on every client and in the
 * database.
 */

const scale = useCluster();

describe("an instance killed mid-editing", () => {
  it("its clients move through the proxy to the other instance, and no keystroke is lost anywhere", async () => {
    // The survivor adopts the dead instance's unstored edits after ADOPT_AFTER_MS:
    // its smallest setting, so the test waits 1-1.5 s for it rather than 5-7.5 s.
    const cluster = await scale.start(2, { ADOPT_AFTER_MS: "1000" });
    const [doomed, survivor] = cluster.instances as [TestServer, TestServer];
    const { id } = await createDocument(cluster.proxy, "Comments on the draft AI act");

    const alice = await connectDirectly(cluster, doomed, id);
    const bob = await connectDirectly(cluster, survivor, id);
    const proxied = await connectThroughProxy(cluster, id, 4);
    // Two of the proxy's clients on the instance that will die, two on the other.
    expect(await socketsPerInstance(cluster, 6)).toEqual([3, 3]);
    const everyone = [alice, bob, ...proxied];

    const typists = [
      startTyping("alice", alice),
      startTyping("bob", bob),
      ...proxied.map((client, i) => startTyping(`proxied-${i}`, client)),
    ];
    let typedWhileDead = 0;
    try {
      await sleep(800);
      await doomed.kill("SIGKILL");
      const aliceBefore = typists[0]?.tokens.length ?? 0;

      // The proxy's clients of the dead instance come back on the survivor: bob and all four.
      await waitFor(async () => (await cluster.syncConnections(survivor)) === 5, {
        timeout: 15_000,
        interval: 100,
        message: "the dead instance's proxied clients to reconnect to the survivor",
      });
      await Promise.all(proxied.map((client) => waitForSynced(client.provider, 15_000)));
      await sleep(800);

      // Alice was connected to the dead instance itself: she types on offline until it is back.
      await doomed.restart();
      typedWhileDead = (typists[0]?.tokens.length ?? 0) - aliceBefore;
      await waitForSynced(alice.provider, 15_000);
      await sleep(600);
    } finally {
      stopAll(typists);
    }
    expect(typedWhileDead).toBeGreaterThan(10);
    // Exactly the two proxied clients on the dead instance lost their socket; bob's was never touched.
    expect(proxied.filter((client) => client.closeCodes.length > 0)).toHaveLength(2);
    expect(bob.closeCodes).toEqual([]);
    expect(alice.closeCodes.length).toBeGreaterThan(0);

    const text = await waitForConvergence(everyone, typists);
    for (const [i, client] of everyone.entries()) expectEveryToken(client.text(), typists, `client ${i}`);
    // What the dead instance relayed but never stored, the survivor stores after ADOPT_AFTER_MS.
    await Promise.all(everyone.map((client) => waitForStored(client, 15_000)));

    const stored = await readStoredText(cluster, id);
    expectEveryToken(stored, typists, "the stored document");
    expect(stored).toBe(text);
  });
});
