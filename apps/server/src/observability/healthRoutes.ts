import { Hono } from "hono";
import type { SqlClient } from "../platform/db/SqlClient.js";
import type { RedisStatus } from "../platform/redis/RedisConnection.js";
import type { SyncServer } from "../sync/SyncServer.js";

const PING_TIMEOUT_MS = 2_000;

/**
 * `GET /api/health`: 200 when the database answers, no open document is
 * failing to store and Redis (when configured) is connected; else 503 with
 * status "degraded" (the sockets keep serving meanwhile; unstored edits stay
 * in memory and are retried; without Redis an instance serves its own
 * clients alone until it is back).
 */
export function healthRoutes(deps: {
  db: SqlClient;
  sync: SyncServer;
  /** Undefined when REDIS_URL is unset. */
  redis?: RedisStatus | undefined;
  version: string;
}) {
  return new Hono().get("/", async (c) => {
    const [reachable, keepingUp] = await Promise.all([
      withTimeout(deps.db.ping(), PING_TIMEOUT_MS).then(
        () => true,
        () => false,
      ),
      deps.sync.storageHealthy(),
    ]);
    const storageOk = reachable && keepingUp;
    const redis = { configured: deps.redis !== undefined, ok: deps.redis?.isReady ?? false };
    const ok = storageOk && (!redis.configured || redis.ok);
    const body = {
      status: ok ? ("ok" as const) : ("degraded" as const),
      version: deps.version,
      storage: { driver: deps.db.driver, ok: storageOk },
      redis,
      documentsLoaded: deps.sync.loadedDocuments,
    };
    return ok ? c.json(body, 200) : c.json(body, 503);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
