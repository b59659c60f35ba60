import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { createApp } from "./app.js";
import { composeServices } from "./compose.js";
import { purgeDeletedDocuments } from "./documents/purgeDeletedDocuments.js";
import type { TEnv } from "./env.js";
import type { Logger } from "./logger.js";
import { createMetrics } from "./observability/metrics.js";
import { openDatabase } from "./platform/db/openDatabase.js";
import type { SqlClient } from "./platform/db/SqlClient.js";
import { AdmissionCache } from "./sync/AdmissionCache.js";
import { createAccessRecheck, createSocketAdmission } from "./sync/admitSocket.js";
import { ClientOwnerRepository } from "./sync/ClientOwnerRepository.js";
import { OpeningsAudit } from "./sync/OpeningsAudit.js";
import { SyncServer } from "./sync/SyncServer.js";
import { UpdateLog } from "./sync/UpdateLog.js";

export interface RunningServer {
  port: number;
  sync: SyncServer;
  /** Graceful stop: sockets told to reconnect, every edit stored, database closed. */
  close(): Promise<void>;
}

const PURGE_INTERVAL_MS = 60 * 60 * 1000;
/** Sessions, and people's roles on documents, the sync gate remembers (each; see AdmissionCache). */
const ADMISSION_CACHE_ENTRIES = 20_000;

/** Opens storage, then serves HTTP and the sync socket on one port. */
export async function startServer(env: TEnv, logger: Logger, version: string): Promise<RunningServer> {
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    dataTemplate: env.DATA_TEMPLATE,
    logger,
  });
  const server = await createCaucusServer(env, logger, version, db);
  const { http } = server;
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(env.PORT, env.HOST, () => {
      http.off("error", reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return { port: (http.address() as AddressInfo).port, sync: server.sync, close: server.close };
}

/** The whole server on an open database, not yet listening. */
export interface CaucusServer {
  /** HTTP and the sync socket's upgrades; any Duplex it is handed as a connection is served. */
  http: Server;
  sync: SyncServer;
  /** Graceful stop: sockets told to reconnect, every edit stored, database closed. */
  close(): Promise<void>;
}

/**
 * Builds every part of the server on `db` (which it closes on `close`)
 * without listening: `startServer` listens; the in-process fuzzer
 * (`sync/fuzz/`) hands it connections of its own.
 */
export async function createCaucusServer(
  env: TEnv,
  logger: Logger,
  version: string,
  db: SqlClient,
): Promise<CaucusServer> {
  const services = await composeServices(db, env, logger);
  const { auth, limits, origins } = services;
  const { documents, audit, accessChanges, syncTokens, streams } = services.parts;
  // What the sync gate remembers of sessions and roles lives no longer than
  // an open socket goes unchecked (ACCESS_RECHECK_SECONDS).
  const admissions = new AdmissionCache({
    accessChanges,
    ttlMs: env.ACCESS_RECHECK_SECONDS * 1000,
    maxEntries: ADMISSION_CACHE_ENTRIES,
  });
  const openings = new OpeningsAudit({ audit, logger });
  const sync = new SyncServer({
    documents,
    log: new UpdateLog(db),
    clients: new ClientOwnerRepository(db),
    logger,
    maxMessageBytes: env.MAX_MESSAGE_BYTES,
    maxDocumentBytes: env.MAX_DOCUMENT_BYTES,
    storeDelayMs: env.STORE_DELAY_MS,
    compactAfter: env.COMPACT_AFTER_UPDATES,
    maxQueuedMessages: env.MAX_QUEUED_MESSAGES,
    maxBufferedBytes: env.MAX_BUFFERED_BYTES,
    admit: await createSocketAdmission({
      auth,
      db,
      origins,
      syncTokens,
      openings,
      logger,
      cache: admissions,
    }),
    accessChanges,
    fanout: services.fanout,
    adoptAfterMs: env.ADOPT_AFTER_MS,
    limits: {
      messagesPerSecond: env.SYNC_MESSAGES_PER_SECOND,
      bytesPerSecond: env.SYNC_BYTES_PER_SECOND,
      answerBytesPerSecond: env.SYNC_ANSWER_BYTES_PER_SECOND,
      addressMessagesPerSecond: env.ADDRESS_MESSAGES_PER_SECOND,
      connectionsPerAddress: env.CONNECTIONS_PER_ADDRESS,
      connectionAttemptsPerMinute: env.CONNECTION_ATTEMPTS_PER_MINUTE,
      maxLoadedDocuments: env.MAX_LOADED_DOCUMENTS,
      awarenessUpdatesPerSecond: env.AWARENESS_UPDATES_PER_SECOND,
      maxAwarenessBytes: env.MAX_AWARENESS_BYTES,
      maxAwarenessClients: env.MAX_AWARENESS_CLIENTS,
    },
    trustProxy: env.TRUST_PROXY,
  });
  // Every open socket and stream has its session and rights checked again
  // every ACCESS_RECHECK_SECONDS: the backstop for a change that never
  // arrived (Redis away, a session that expired, a route we do not hear).
  const recheck = createAccessRecheck(db);
  let rechecking: Promise<void> | undefined;
  const recheckAll = () => {
    rechecking ??= Promise.all([sync.recheckAll(recheck), streams.recheckAll()])
      .then(
        ([sockets, ended]) =>
          logger.debug({ sockets, streams: ended }, "open sockets and streams checked again"),
        (error: unknown) => logger.warn({ err: error }, "checking open sockets and streams again failed"),
      )
      .finally(() => {
        rechecking = undefined;
      });
    return rechecking;
  };
  const recheckTimer = setInterval(recheckAll, env.ACCESS_RECHECK_SECONDS * 1000);
  recheckTimer.unref();
  // What other instances published while Redis was away never arrived:
  // once it is back, exchange what each lacks of every loaded document,
  // forget what the sync gate remembered, and check every open socket and
  // stream again.
  const stopRechecks = services.redis?.onReturn(() => {
    admissions.flush();
    void sync.catchUpAll();
    void recheckAll();
  });
  const ctx = services.withSync(sync);
  const metrics = env.METRICS_TOKEN ? { registry: createMetrics(sync), token: env.METRICS_TOKEN } : undefined;
  const app = createApp({
    ctx,
    auth,
    limits,
    origins,
    signUps: services.signUps,
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

  const http = createServer(guardRequests(getRequestListener(app.fetch, { hostname: env.HOST }), logger));
  // Longer than a load balancer's idle timeout (nginx 75 s is the outlier;
  // 60 s is common), so the server is never the side that closes an idle
  // keep-alive connection just as a client reuses it.
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  http.on("upgrade", sync.handleUpgrade);
  // Once listening, a server 'error' has no caller left to reject: log it, never exit on it.
  http.on("error", (error) => logger.error({ err: error }, "HTTP server error"));
  return {
    http,
    sync,
    async close() {
      clearInterval(purgeTimer);
      clearInterval(recheckTimer);
      stopRechecks?.();
      // Resolves also when it never listened (the fuzzer's).
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      await sync.close();
      admissions.dispose();
      await openings.flush();
      http.closeAllConnections?.();
      await httpClosed;
      await services.close();
      await db.close();
    },
  };
}

type TRequestListener = (request: IncomingMessage, response: ServerResponse) => unknown;

/**
 * Wraps the HTTP request listener so that whatever a request reaches
 * outside the app's own error handling (Hono answers malformed targets and
 * Host headers with 400 and the app's errors with their status) costs that
 * request a 500 and a log line, never the process: a listener's rejected
 * promise would otherwise be an unhandled rejection, which ends Node.
 */
function guardRequests(listener: TRequestListener, logger: Logger): TRequestListener {
  return (request, response) => {
    const fail = (error: unknown) => {
      logger.error({ err: error, method: request.method }, "handling a request failed");
      try {
        if (response.headersSent) response.destroy();
        else response.writeHead(500, { "content-type": "text/plain", connection: "close" }).end();
      } catch {
        response.destroy();
      }
    };
    try {
      Promise.resolve(listener(request, response)).catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}
