import { createServer } from "node:net";
import { Writable } from "node:stream";
import { testClient } from "hono/testing";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { RedisConnection, type RedisStatus } from "../platform/redis/RedisConnection.js";
import type { SyncServer } from "../sync/SyncServer.js";
import { openTestDatabase } from "../testing/database.js";
import { healthRoutes } from "./healthRoutes.js";

const sync = { storageHealthy: async () => true, loadedDocuments: 0 } as unknown as SyncServer;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function healthWith(redis: RedisStatus | undefined) {
  const db = await openTestDatabase();
  cleanups.push(() => db.close());
  const response = await testClient(healthRoutes({ db, sync, redis, version: "test" })).index.$get();
  return { status: response.status, body: await response.json() };
}

/** A port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe("GET /api/health and Redis", () => {
  it("is ok without Redis configured, and says so", async () => {
    const { status, body } = await healthWith(undefined);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok", redis: { configured: false, ok: false } });
  });

  it("is ok when the configured Redis is connected", async () => {
    const { status, body } = await healthWith({ isReady: true });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok", redis: { configured: true, ok: true } });
  });

  it("is degraded (503) when the configured Redis cannot be reached, logs that once and never the URL", async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: "debug" },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const redis = new RedisConnection(`redis://:hunter2-secret@127.0.0.1:${await closedPort()}`, logger);
    cleanups.push(() => redis.close());
    const { status, body } = await healthWith(redis);
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: "degraded",
      storage: { ok: true },
      redis: { configured: true, ok: false },
    });
    // Several reconnect attempts fail (each logged at debug); the outage is logged once.
    const attempts = () => lines.filter((line) => line.includes("redis connection error")).length;
    while (attempts() < 4) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.filter((line) => line.includes("redis unreachable"))).toHaveLength(1);
    expect(lines.join("")).not.toContain("hunter2");
  });
});
