import { RedisConnection } from "@caucus/server/platform/redis/RedisConnection";
import { presenceChannel } from "@caucus/server/platform/redis/redisKeys";
import { LocalPresence } from "@caucus/server/presence/LocalPresence";
import { RedisPresence } from "@caucus/server/presence/RedisPresence";
import { afterAll, beforeAll } from "vitest";
import { describePresenceContract } from "../support/presenceContract.js";
import { type RedisServer, startRedis } from "../support/redis.js";
import { capturingLogger, waitUntilReady } from "../support/redisInstances.js";

/** Short, so expiry is tested in about a second; production's default is 10 s. */
const TTL_MS = 1_000;

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.dispose();
});

describePresenceContract(
  "in-process",
  async () => {
    // One process is one instance: every "instance" is the same service.
    const presence = new LocalPresence({ ttlMs: TTL_MS });
    return {
      ttlMs: TTL_MS,
      instance: async () => presence,
      settled: async () => undefined,
      close: () => presence.close(),
    };
  },
  { wire: false, outages: false, crashes: false },
);

describePresenceContract(
  "Redis",
  async () => {
    const { logger, count } = capturingLogger();
    const instances: { connection: RedisConnection; presence: RedisPresence }[] = [];
    // A publisher that is not Caucus, for malformed messages.
    const outsider = new RedisConnection(redis.url, logger);
    const settled = async () => {
      await waitUntilReady([outsider, ...instances.map((i) => i.connection)]);
      await Promise.all(instances.map((i) => i.presence.subscribed()));
    };
    return {
      ttlMs: TTL_MS,
      async instance() {
        const connection = new RedisConnection(redis.url, logger);
        const presence = new RedisPresence(connection, logger, { ttlMs: TTL_MS });
        instances.push({ connection, presence });
        // Commands fail at once while a connection is not up yet; a real server waits for Redis before serving.
        await waitUntilReady([connection]);
        return presence;
      },
      settled,
      async close() {
        for (const { connection, presence } of instances) {
          await presence.close();
          await connection.close();
        }
        await outsider.close();
      },
      malformedIgnored: () => count("ignored a malformed presence change"),
      async publishRaw(workspaceId, text) {
        await outsider.commands.publish(presenceChannel(workspaceId), text);
      },
      async crash(presence) {
        const instance = instances.find((i) => i.presence === presence);
        if (!instance) throw new Error("not an instance of this backend");
        // close() leaves entries to expire, as a crash would; the connection is cut, not closed.
        await instance.presence.close();
        instance.connection.commands.destroy();
        instance.connection.subscriber.destroy();
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
  { wire: true, outages: true, crashes: true },
);
