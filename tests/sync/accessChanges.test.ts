import { LocalAccessChanges } from "@caucus/server/auth/AccessChanges";
import { RedisAccessChanges } from "@caucus/server/auth/RedisAccessChanges";
import { RedisConnection } from "@caucus/server/platform/redis/RedisConnection";
import { accessChangesChannel } from "@caucus/server/platform/redis/redisKeys";
import { afterAll, beforeAll } from "vitest";
import { describeAccessChangesContract } from "../support/accessChangesContract.js";
import { type RedisServer, startRedis } from "../support/redis.js";
import { capturingLogger, waitUntilReady } from "../support/redisInstances.js";

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.dispose();
});

describeAccessChangesContract(
  "in-process",
  async () => {
    // One process is one instance: every "instance" is the same bus.
    const bus = new LocalAccessChanges();
    return { instance: async () => bus, settled: async () => undefined, close: async () => undefined };
  },
  { wire: false, outages: false },
);

describeAccessChangesContract(
  "Redis",
  async () => {
    const { logger, count } = capturingLogger();
    const instances: { connection: RedisConnection; bus: RedisAccessChanges }[] = [];
    // A publisher that is not Caucus, for malformed messages.
    const outsider = new RedisConnection(redis.url, logger);
    const settled = async () => {
      await waitUntilReady([outsider, ...instances.map((i) => i.connection)]);
      await Promise.all(instances.map((i) => i.bus.subscribed));
    };
    return {
      async instance() {
        const connection = new RedisConnection(redis.url, logger);
        const bus = new RedisAccessChanges(connection, logger);
        instances.push({ connection, bus });
        return bus;
      },
      settled,
      async close() {
        for (const { connection, bus } of instances) {
          await bus.close();
          await connection.close();
        }
        await outsider.close();
      },
      malformedIgnored: () => count("ignored a malformed rights change"),
      async publishRaw(text) {
        await outsider.commands.publish(accessChangesChannel(), text);
      },
      async outage(during) {
        await redis.kill();
        try {
          await during();
        } finally {
          await redis.restart();
        }
        await settled();
      },
    };
  },
  { wire: true, outages: true },
);
