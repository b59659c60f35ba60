import { describe, expect, it } from "vitest";
import { createDocument, type TestClient, waitFor, waitForStored } from "../support/clients.js";
import {
  connectDirectly,
  connectThroughProxy,
  readStoredText,
  socketsPerInstance,
  useCluster,
} from "../support/cluster.js";
import { sleep } from "../support/ports.js";
import type { TestServer } from "../support/server.js";
import {
  expectEveryToken,
  startTyping,
  stopAll,
  type Typist,
  waitForConvergence,
} from "../support/typists.js";

/**
 * Redis crashes and comes back empty while people type on two instances.
 * Each instance keeps serving its own sockets through the outage; once
 * Redis is back the instances catch up with each other, with no client
 * reconnecting, and the database ends with every keystroke.
 */

const scale = useCluster();

/** Waits until `reader` shows the last token `typist` has typed by now. */
async function waitForLatest(typist: Typist, reader: TestClient, what: string) {
  const token = typist.tokens.at(-1) as string;
  await waitFor(() => reader.text().includes(token), {
    message: () => `${what}: ${token} to reach the other client on the same instance`,
  });
}

describe("Redis restarted mid-editing", () => {
  it("every instance keeps editing, they resynchronise once Redis is back, and nothing is lost", async () => {
    const cluster = await scale.start(2);
    const [first, second] = cluster.instances as [TestServer, TestServer];
    const { id } = await createDocument(cluster.proxy, "Open letter on encryption");

    const onFirst = [await connectDirectly(cluster, first, id), await connectDirectly(cluster, first, id)];
    const onSecond = [await connectDirectly(cluster, second, id), await connectDirectly(cluster, second, id)];
    const proxied = await connectThroughProxy(cluster, id, 2);
    expect(await socketsPerInstance(cluster, 6)).toEqual([3, 3]);
    const everyone = [...onFirst, ...onSecond, ...proxied];

    const typists = everyone.map((client, i) => startTyping(`typist-${i}`, client));
    const [firstTypist, , secondTypist] = typists as [Typist, Typist, Typist];
    try {
      await sleep(700);
      await scale.redis().kill();
      await sleep(300);
      // Through the outage each instance still relays between its own sockets.
      await waitForLatest(firstTypist, onFirst[1] as TestClient, "during the outage on the first instance");
      await waitForLatest(
        secondTypist,
        onSecond[1] as TestClient,
        "during the outage on the second instance",
      );
      await sleep(1_000);
      await scale.redis().restart();
      await sleep(1_000);
    } finally {
      stopAll(typists);
    }

    // Catching up is the instances' job: no client was disconnected to resynchronise it.
    const text = await waitForConvergence(everyone, typists, 20_000);
    for (const [i, client] of everyone.entries()) {
      expect(client.closeCodes, `client ${i}'s socket closes`).toEqual([]);
      expectEveryToken(client.text(), typists, `client ${i}`);
    }

    // And live edits flow between the instances again.
    firstTypist.type();
    await waitForConvergence(everyone, typists);

    await Promise.all(everyone.map((client) => waitForStored(client, 15_000)));
    const stored = await readStoredText(cluster, id);
    expectEveryToken(stored, typists, "the stored document");
    expect(stored).toBe(everyone[0]?.text());
    expect(stored.length).toBeGreaterThan(text.length);
  });
});
