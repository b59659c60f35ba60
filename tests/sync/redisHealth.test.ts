import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, waitFor } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { type RedisServer, startRedis } from "../support/redis.js";

const servers = useServers();
const PASSWORD = "redis-pass-4f9c2e71";
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis({ password: PASSWORD });
});
afterAll(async () => {
  await redis?.dispose();
});

type Health = { status: string; redis: { configured: boolean; ok: boolean } };

describe("a server with REDIS_URL", () => {
  it("reports Redis in /api/health, degrades while it is gone and recovers by itself, logging each once and never the URL", async () => {
    const server = await servers.start({ env: { REDIS_URL: redis.url } });
    const health = () => api<Health>(server, "GET", "/api/health");
    await waitFor(async () => (await health()).body.redis.ok, { message: "Redis to be connected" });
    expect((await health()).status).toBe(200);

    await redis.kill();
    try {
      await waitFor(async () => (await health()).status === 503, {
        timeout: 10_000,
        message: "health to turn degraded",
      });
      expect((await health()).body).toMatchObject({
        status: "degraded",
        redis: { configured: true, ok: false },
      });
    } finally {
      await redis.restart();
    }
    await waitFor(async () => (await health()).status === 200, {
      timeout: 15_000,
      message: "health to recover once Redis is back",
    });
    expect((await health()).body).toMatchObject({ status: "ok", redis: { configured: true, ok: true } });

    const logs = server.logs();
    expect(logs.match(/redis unreachable/g)).toHaveLength(1);
    expect(logs.match(/redis is back/g)).toHaveLength(1);
    expect(logs).not.toContain(PASSWORD);
  });

  it("starts while Redis is down, says so, and still stops cleanly", async () => {
    await redis.stop();
    try {
      const server = await servers.start({ env: { REDIS_URL: redis.url } });
      const health = await api<Health>(server, "GET", "/api/health");
      expect(health.status).toBe(503);
      expect(health.body.redis).toEqual({ configured: true, ok: false });
      // Closing must not wait for a Redis that is not there.
      expect((await server.stop()).code).toBe(0);
    } finally {
      await redis.restart();
    }
  });
});
