import { LocalCommentChanges, RedisCommentChanges } from "@caucus/server/comments/CommentChanges";
import type { ChangeBus } from "@caucus/server/platform/bus/ChangeBus";
import { RedisConnection } from "@caucus/server/platform/redis/RedisConnection";
import { commentsChannel } from "@caucus/server/platform/redis/redisKeys";
import type { TCommentChange } from "@caucus/shared";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/clients.js";
import { type RedisServer, startRedis } from "../support/redis.js";
import { capturingLogger, waitUntilReady } from "../support/redisInstances.js";

const DOCUMENT = "0b7c6f2e-1d4a-4f5e-9a8b-3c2d1e0f9a8b";
const OTHER = "7e0c1d2f-0000-4000-8000-000000000000";
const removed = (threadId: string): TCommentChange => ({ type: "removed", threadId });
const thread: TCommentChange = {
  type: "thread",
  thread: {
    id: "t1",
    documentId: DOCUMENT,
    anchor: { start: "AQID", end: "BAUG" },
    quote: "protect encryption",
    status: "open",
    createdBy: { id: "u1", name: "Amina" },
    createdAt: "2025-03-04T14:00:00.000Z",
    resolvedBy: null,
    resolvedAt: null,
    comments: [
      {
        id: "c1",
        body: "<@u2> agree?",
        author: { id: "u1", name: "Amina" },
        mentions: [{ id: "u2", name: "Tomás" }],
        createdAt: "2025-03-04T14:00:00.000Z",
        editedAt: null,
      },
    ],
  },
};

function record(bus: ChangeBus<TCommentChange>, documentId = DOCUMENT) {
  const seen: TCommentChange[] = [];
  const stop = bus.subscribe(documentId, (change) => seen.push(change));
  return { seen, stop };
}

interface Backend {
  /** The bus of one more instance (the in-process bus has one instance: the same bus). */
  instance(): ChangeBus<TCommentChange>;
  settled(): Promise<void>;
  close(): Promise<void>;
}

let redis: RedisServer;
const { logger, count } = capturingLogger();
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.dispose();
});

const backends: [string, () => Backend][] = [
  [
    "in-process",
    () => {
      const bus = new LocalCommentChanges();
      return { instance: () => bus, settled: async () => {}, close: () => bus.close() };
    },
  ],
  [
    "Redis",
    () => {
      const opened: { connection: RedisConnection; bus: RedisCommentChanges }[] = [];
      return {
        instance: () => {
          const connection = new RedisConnection(redis.url, logger);
          const bus = new RedisCommentChanges(connection, logger);
          opened.push({ connection, bus });
          return bus;
        },
        settled: async () => {
          await waitUntilReady(opened.map((o) => o.connection));
          await Promise.all(opened.map((o) => o.bus.subscribed()));
        },
        close: async () => {
          for (const { connection, bus } of opened.splice(0)) {
            await bus.close();
            await connection.close();
          }
        },
      };
    },
  ],
];

describe.each(backends)("comment changes: %s", (_name, open) => {
  let backend: Backend;
  afterEach(async () => {
    await backend?.close();
  });

  it("delivers here at once and on every instance once, in order, only to the document's readers", async () => {
    backend = open();
    const [a, b] = [backend.instance(), backend.instance()];
    const [onA, onB, onOther] = [record(a), record(b), record(b, OTHER)];
    await backend.settled();
    a.publish(DOCUMENT, thread);
    expect(onA.seen).toEqual([thread]);
    a.publish(DOCUMENT, removed("t1"));
    await waitFor(() => onB.seen.length >= 2, { timeout: 2_000, message: "the other instance to hear both" });
    expect(onB.seen).toEqual([thread, removed("t1")]);
    expect(onOther.seen).toEqual([]);
    onA.stop();
    onB.stop();
    expect(onA.seen).toEqual([thread, removed("t1")]);
  });
});

describe("comment changes: Redis, a malformed message", () => {
  it("is ignored and the channel keeps working", async () => {
    const connection = new RedisConnection(redis.url, logger);
    const other = new RedisConnection(redis.url, logger);
    const [a, b] = [new RedisCommentChanges(connection, logger), new RedisCommentChanges(other, logger)];
    const onB = record(b);
    await waitUntilReady([connection, other]);
    await b.subscribed();
    const before = count("ignored a malformed comments change");
    await connection.commands.publish(commentsChannel(DOCUMENT), '{"from":"x","change":{"type":"thread"}}');
    a.publish(DOCUMENT, removed("after"));
    await waitFor(() => onB.seen.length === 1, { timeout: 2_000, message: "the valid change" });
    expect(onB.seen).toEqual([removed("after")]);
    expect(count("ignored a malformed comments change") - before).toBe(1);
    for (const [bus, conn] of [
      [a, connection],
      [b, other],
    ] as const) {
      await bus.close();
      await conn.close();
    }
  });
});
