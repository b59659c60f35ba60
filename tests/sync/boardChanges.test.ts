import { type BoardChanges, LocalBoardChanges } from "@caucus/server/calls/BoardChanges";
import { RedisBoardChanges } from "@caucus/server/calls/RedisBoardChanges";
import { RedisConnection } from "@caucus/server/platform/redis/RedisConnection";
import { boardChannel } from "@caucus/server/platform/redis/redisKeys";
import type { TBoardChange } from "@caucus/shared";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/clients.js";
import { type RedisServer, startRedis } from "../support/redis.js";
import { capturingLogger, waitUntilReady } from "../support/redisInstances.js";

const WORKSPACE = "0b7c6f2e-1d4a-4f5e-9a8b-3c2d1e0f9a8b";
const OTHER = "7e0c1d2f-0000-4000-8000-000000000000";
const deleted = (callId: string): TBoardChange => ({ type: "deleted", callId });

function record(board: BoardChanges, workspaceId = WORKSPACE) {
  const seen: TBoardChange[] = [];
  const stop = board.subscribe(workspaceId, (change) => seen.push(change));
  return { seen, stop };
}

describe("board changes: in-process", () => {
  it("delivers to the workspace's listeners at once, and to nobody else", () => {
    const board = new LocalBoardChanges();
    const here = record(board);
    const elsewhere = record(board, OTHER);
    board.publish(WORKSPACE, deleted("a"));
    expect(here.seen).toEqual([deleted("a")]);
    expect(elsewhere.seen).toEqual([]);
    here.stop();
    board.publish(WORKSPACE, deleted("b"));
    expect(here.seen).toHaveLength(1);
    expect(board.mayBeFollowed(WORKSPACE)).toBe(false);
  });
});

describe("board changes: Redis", () => {
  let redis: RedisServer;
  const opened: { connection: RedisConnection; board: RedisBoardChanges }[] = [];
  const { logger, count } = capturingLogger();
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    for (const { connection, board } of opened.splice(0)) {
      await board.close();
      await connection.close();
    }
  });
  afterAll(async () => {
    await redis?.dispose();
  });

  const instance = () => {
    const connection = new RedisConnection(redis.url, logger);
    const board = new RedisBoardChanges(connection, logger);
    opened.push({ connection, board });
    return board;
  };
  const settled = async () => {
    await waitUntilReady(opened.map((o) => o.connection));
    await Promise.all(opened.map((o) => o.board.subscribed()));
  };

  it("delivers here at once and on another instance once, only to the workspace's board", async () => {
    const [a, b] = [instance(), instance()];
    const [onA, onB, onOther] = [record(a), record(b), record(b, OTHER)];
    await settled();
    a.publish(WORKSPACE, deleted("a"));
    expect(onA.seen).toEqual([deleted("a")]);
    await waitFor(() => onB.seen.length === 1, { timeout: 2_000, message: "the other instance to hear it" });
    // A later change arrives after this one: nothing more came meanwhile (no echo, no double).
    a.publish(WORKSPACE, deleted("b"));
    await waitFor(() => onB.seen.length === 2, { timeout: 2_000, message: "the second change" });
    expect(onA.seen).toEqual([deleted("a"), deleted("b")]);
    expect(onB.seen).toEqual([deleted("a"), deleted("b")]);
    expect(onOther.seen).toEqual([]);
    expect(a.mayBeFollowed(OTHER)).toBe(true);
  });

  it("ignores a malformed message on the channel and keeps working", async () => {
    const [a, b] = [instance(), instance()];
    const onB = record(b);
    await settled();
    const before = count("ignored a malformed board change");
    const outsider = opened[0]?.connection as RedisConnection;
    await outsider.commands.publish(boardChannel(WORKSPACE), '{"from":"x","change":{"type":"exploded"}}');
    await outsider.commands.publish(boardChannel(WORKSPACE), "not json");
    a.publish(WORKSPACE, deleted("after"));
    await waitFor(() => onB.seen.length === 1, { timeout: 2_000, message: "the valid change" });
    expect(onB.seen).toEqual([deleted("after")]);
    expect(count("ignored a malformed board change") - before).toBe(2);
  });
});
