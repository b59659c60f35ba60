import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { createAccessRecheck, createSocketAdmission } from "./auth/admitSocket.js";
import { composeServices } from "./compose.js";
import type { TEnv } from "./env.js";
import type { Logger } from "./logger.js";
import { createMetrics } from "./observability/metrics.js";
import { purgeDeletedDocuments } from "./services/purgeDeletedDocuments.js";
import { openDatabase } from "./storage/openDatabase.js";
import { UpdateLog } from "./storage/UpdateLog.js";
import { SyncServer } from "./sync/SyncServer.js";

export interface RunningServer {
  port: number;
  sync: SyncServer;
  /** Graceful stop: sockets told to reconnect, every edit stored, database closed. */
  close(): Promise<void>;
}

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/** Opens storage, then serves HTTP and the sync socket on one port. */
export async function startServer(env: TEnv, logger: Logger, version: string): Promise<RunningServer> {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  const services = await composeServices(db, env, logger);
  const { auth, limits, origins } = services;
  const { documents, audit, accessChanges, syncTokens } = services.parts;
  const sync = new SyncServer({
    documents,
    log: new UpdateLog(db),
    logger,
    maxMessageBytes: env.MAX_MESSAGE_BYTES,
    maxDocumentBytes: env.MAX_DOCUMENT_BYTES,
    storeDelayMs: env.STORE_DELAY_MS,
    compactAfter: env.COMPACT_AFTER_UPDATES,
    maxQueuedMessages: env.MAX_QUEUED_MESSAGES,
    maxBufferedBytes: env.MAX_BUFFERED_BYTES,
    admit: createSocketAdmission({ auth, db, origins, syncTokens, audit, logger }),
    accessChanges,
    fanout: services.fanout,
    adoptAfterMs: env.ADOPT_AFTER_MS,
    limits: {
      messagesPerSecond: env.SYNC_MESSAGES_PER_SECOND,
      bytesPerSecond: env.SYNC_BYTES_PER_SECOND,
      addressMessagesPerSecond: env.ADDRESS_MESSAGES_PER_SECOND,
      connectionsPerAddress: env.CONNECTIONS_PER_ADDRESS,
      connectionAttemptsPerMinute: env.CONNECTION_ATTEMPTS_PER_MINUTE,
      maxLoadedDocuments: env.MAX_LOADED_DOCUMENTS,
      awarenessUpdatesPerSecond: env.AWARENESS_UPDATES_PER_SECOND,
      maxAwarenessBytes: env.MAX_AWARENESS_BYTES,
      maxAwarenessClients: env.MAX_AWARENESS_CLIENTS,
    },
    trustProxy: env.TRUST_PROXY,
    // The context (and its estimates) is built from the sync server just below, before any edit.
    onDocumentChanged: (documentId) => {
      ctx.estimates.edited(documentId);
      ctx.autoVersions.edited(documentId);
    },
  });
  // What other instances published while Redis was away never arrived:
  // once it is back, exchange what each lacks of every loaded document,
  // and check every open socket's rights again.
  const recheck = createAccessRecheck(db);
  const stopRechecks = services.redis?.onReturn(() => {
    void sync.catchUpAll();
    void sync.recheckAll(recheck);
  });
  const ctx = services.withSync(sync);
  const metrics = env.METRICS_TOKEN ? { registry: createMetrics(sync), token: env.METRICS_TOKEN } : undefined;
  const app = createApp({
    ctx,
    auth,
    limits,
    origins,
    sync,
    redis: services.redis,
    logger,
    version,
    maxRequestBytes: env.MAX_REQUEST_BYTES,
    webDist: env.WEB_DIST,
    metrics,
  });

  const purge = () =>
    purgeDeletedDocuments(documents).then(
      (count) => count > 0 && logger.info({ count }, "purged documents deleted over 30 days ago"),
      (error) => logger.warn({ err: error }, "purging deleted documents failed"),
    );
  void purge();
  const purgeTimer = setInterval(purge, PURGE_INTERVAL_MS);
  purgeTimer.unref();

  const http = await new Promise<Server>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () =>
      resolve(server as Server),
    ) as Server;
    server.once("error", reject);
  });
  // Longer than a load balancer's idle timeout (nginx 75 s is the outlier;
  // 60 s is common), so the server is never the side that closes an idle
  // keep-alive connection just as a client reuses it.
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  http.on("upgrade", sync.handleUpgrade);
  const port = (http.address() as AddressInfo).port;

  return {
    port,
    sync,
    async close() {
      clearInterval(purgeTimer);
      stopRechecks?.();
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      await sync.close();
      http.closeAllConnections?.();
      await httpClosed;
      await services.close();
      await db.close();
    },
  };
}
