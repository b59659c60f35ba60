import { RedisConnection } from "@caucus/server/platform/redis/RedisConnection";
import { documentChannel } from "@caucus/server/platform/redis/redisKeys";
import type { TFanoutMessage } from "@caucus/server/sync/DocumentFanout";
import { RedisDocumentFanout } from "@caucus/server/sync/RedisDocumentFanout";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { waitFor } from "../support/clients.js";
import { type RedisServer, startRedis } from "../support/redis.js";
import { capturingLogger, waitUntilReady } from "../support/redisInstances.js";

/**
 * The transport between instances holding one document, on a real Redis:
 * what one instance publishes reaches the others exactly as sent, never
 * itself, only for that document, and again after Redis restarts.
 */

let redis: RedisServer;
const connections: RedisConnection[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.close()));
});
afterAll(async () => {
  await redis?.dispose();
});

const DOC = "9f0c8a52-4b1e-4f7a-9d3c-2e6b7a1c0d11";
const OTHER_DOC = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

function instance(name: string) {
  const { logger, count } = capturingLogger();
  const connection = new RedisConnection(redis.url, logger);
  connections.push(connection);
  return { connection, fanout: new RedisDocumentFanout(connection, logger, { instanceId: name }), count };
}

function recorder() {
  const messages: TFanoutMessage[] = [];
  return { messages, listener: (_from: Uint8Array, message: TFanoutMessage) => messages.push(message) };
}

const bytes = (message: TFanoutMessage | undefined) =>
  message && "update" in message ? Buffer.from(message.update) : undefined;

describe("document fan-out on Redis", () => {
  it("delivers to the other instances exactly as sent, never to the sender, only for that document", async () => {
    const a = instance("a");
    const b = instance("b");
    await waitUntilReady([a.connection, b.connection]);
    const atA = recorder();
    const atB = recorder();
    const atBOther = recorder();
    await a.fanout.join(DOC, atA.listener);
    await b.fanout.join(DOC, atB.listener);
    await b.fanout.join(OTHER_DOC, atBOther.listener);

    const update = new Uint8Array([1, 1, 200, 3, 0, 0, 255, 7]);
    await a.fanout.publish(DOC, { kind: "update", seq: 1, update });
    await a.fanout.publish(DOC, { kind: "awareness", update: new Uint8Array([5, 6]) });
    await a.fanout.publish(DOC, {
      kind: "syncRequest",
      to: undefined,
      answerBack: true,
      stateVector: new Uint8Array([0]),
    });
    await waitFor(() => atB.messages.length === 3, { message: "three messages at b" });
    expect(atB.messages.map((m) => m.kind)).toEqual(["update", "awareness", "syncRequest"]);
    expect(bytes(atB.messages[0])?.equals(Buffer.from(update))).toBe(true);
    // A marker from b proves a's channel is live, then a must still have none of its own.
    await b.fanout.publish(DOC, { kind: "update", seq: 1, update: new Uint8Array([42]) });
    await waitFor(() => atA.messages.length === 1, { message: "b's marker at a" });
    expect(bytes(atA.messages[0])?.equals(Buffer.from([42]))).toBe(true);
    expect(atBOther.messages).toEqual([]);
  });

  it("stops after leaving, and drops frames that are not ours", async () => {
    const a = instance("a");
    const b = instance("b");
    const outsider = instance("outsider");
    await waitUntilReady([a.connection, b.connection, outsider.connection]);
    const atB = recorder();
    const leave = await b.fanout.join(DOC, atB.listener);

    await outsider.connection.commands.publish(documentChannel(DOC), "not a fan-out frame");
    await a.fanout.publish(DOC, { kind: "update", seq: 1, update: new Uint8Array([1]) });
    await waitFor(() => atB.messages.length === 1, { message: "the valid frame after the bad one" });
    await waitFor(() => b.count("not one of ours") === 1, { message: "the bad frame logged" });

    await leave();
    const later = recorder();
    await a.fanout.join(DOC, later.listener);
    await b.fanout.join(DOC, later.listener);
    await a.fanout.publish(DOC, { kind: "update", seq: 2, update: new Uint8Array([2]) });
    await waitFor(() => later.messages.length === 1, { message: "b's new listener to hear a" });
    expect(atB.messages).toHaveLength(1);
  });

  it("two documents joined only through the fan-out converge, also across a Redis restart", async () => {
    const a = instance("a");
    const b = instance("b");
    await waitUntilReady([a.connection, b.connection]);
    const docs = [new Y.Doc(), new Y.Doc()];
    const fanouts = [a.fanout, b.fanout];
    for (const [index, doc] of docs.entries()) {
      const fanout = fanouts[index] as RedisDocumentFanout;
      await fanout.join(DOC, (_from, message) => {
        if (message.kind === "update") Y.applyUpdate(doc, message.update, "fanout");
      });
      doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin !== "fanout") void fanout.publish(DOC, { kind: "update", seq: 1, update });
      });
    }
    const [docA, docB] = docs as [Y.Doc, Y.Doc];
    const text = (doc: Y.Doc) => doc.getText("t").toString();
    for (let i = 0; i < 50; i++) {
      docA.getText("t").insert(0, "a");
      docB.getText("t").insert(docB.getText("t").length, "b");
    }
    await waitFor(() => text(docA) === text(docB) && text(docA).length === 100, {
      message: () => `convergence (a=${text(docA).length}, b=${text(docB).length})`,
    });

    await redis.restart();
    await waitUntilReady([a.connection, b.connection]);
    // Subscriptions come back with the connection; edits flow again.
    await waitFor(
      async () => {
        docA.getText("t").insert(0, "x");
        await new Promise((resolve) => setTimeout(resolve, 100));
        return text(docB).startsWith("x");
      },
      { timeout: 15_000, interval: 200, message: "edits to flow again after the restart" },
    );
    await waitFor(() => text(docA) === text(docB), { message: "convergence after the restart" });
  });
});
