/**
 * The y-websocket endpoint, `/sync/:documentId` on the HTTP server's port:
 * builds its parts and answers for them. The gate decides who may open a
 * socket (`SocketGate`), each socket's session feeds its frames to its
 * document's room (`SyncSession`), the registry loads, unloads and stores
 * rooms and holds the features' hooks (`RoomRegistry`), and revocations
 * close sockets whose rights changed (`Revocations`).
 */
import type { IncomingMessage } from "node:http";
import { CloseCode, Limits, type TRole } from "@caucus/shared";
import { type WebSocket, WebSocketServer } from "ws";
import type * as Y from "yjs";
import type { AccessChanges } from "../auth/AccessChanges.js";
import type { DocumentRepository } from "../documents/DocumentRepository.js";
import type { Logger } from "../logger.js";
import { AddressLimits, type TAddressLimitOptions } from "./AddressLimits.js";
import type { ClientOwnerRepository } from "./ClientOwnerRepository.js";
import type { TSocketIdentity } from "./Connection.js";
import { type DocumentFanout, SoloFanout } from "./DocumentFanout.js";
import { Revocations } from "./Revocations.js";
import type { TRoomHookRegistry, TRoomHooks } from "./RoomHooks.js";
import { RoomRegistry } from "./RoomRegistry.js";
import { DEFAULT_ROOM_LIMITS, type TRoomLimits } from "./roomContext.js";
import { onTurnFailure } from "./SendBatch.js";
import { SocketGate, type TSocketAdmission } from "./SocketGate.js";
import { SyncSession, sessionFrameRates, type TSessionContext } from "./SyncSession.js";
import { SyncStats } from "./SyncStats.js";
import type { UpdateLog } from "./UpdateLog.js";

export interface SyncServerOptions {
  documents: DocumentRepository;
  log: UpdateLog;
  /** Whose each Yjs client id is, per document. */
  clients: Pick<ClientOwnerRepository, "owners" | "claim">;
  logger: Logger;
  maxMessageBytes: number;
  maxDocumentBytes: number;
  storeDelayMs: number;
  compactAfter: number;
  maxQueuedMessages: number;
  /** A socket this far behind on sends is closed rather than buffered forever. */
  maxBufferedBytes: number;
  /**
   * Decides, before the upgrade completes, who is connecting and with what
   * role; a refusal closes the socket with its code before any document
   * byte is sent.
   */
  admit(request: IncomingMessage, documentId: string, url: URL): TSocketAdmission | Promise<TSocketAdmission>;
  /** Rights changes to enforce on open sockets. */
  accessChanges: AccessChanges;
  /** The other instances serving the same documents; none when omitted. */
  fanout?: DocumentFanout;
  /**
   * How long an edit relayed from another instance waits for that instance
   * to confirm storing it before this one stores it instead.
   */
  adoptAfterMs?: number;
  /** Rates and caps on what sockets may do; the documented defaults where omitted. */
  limits?: Partial<TSyncLimits>;
  /** Take the client address from X-Forwarded-For (behind a proxy that sets it). */
  trustProxy?: boolean;
}

/**
 * Everything a socket, its address and this instance may do, beyond frame
 * and document size (see docs/PROTOCOL.md, "Limits").
 */
export interface TSyncLimits extends TAddressLimitOptions, Omit<TRoomLimits, "maxDocumentBytes"> {
  /** Frames one socket may send per second, in bursts of ten seconds' worth. */
  messagesPerSecond: number;
  /** Bytes one socket may send per second, in bursts of eight seconds' worth (at least one largest frame). */
  bytesPerSecond: number;
  /**
   * Bytes of answers to sync step 1 one socket may be sent per second, in
   * bursts of two whole documents; the request past it closes with 1013.
   */
  answerBytesPerSecond: number;
  /** Documents held in memory at once; a socket for one more is refused with 1013. */
  maxLoadedDocuments: number;
}

export const DEFAULT_SYNC_LIMITS: TSyncLimits = {
  ...DEFAULT_ROOM_LIMITS,
  messagesPerSecond: Limits.syncMessagesPerSecond,
  bytesPerSecond: Limits.syncBytesPerSecond,
  answerBytesPerSecond: Limits.syncAnswerBytesPerSecond,
  addressMessagesPerSecond: Limits.addressMessagesPerSecond,
  connectionsPerAddress: Limits.connectionsPerAddress,
  connectionAttemptsPerMinute: Limits.connectionAttemptsPerMinute,
  maxLoadedDocuments: Limits.maxLoadedDocuments,
};

/** Default of `adoptAfterMs`: many store windows, so a live instance is never second-guessed. */
const ADOPT_AFTER_MS = 5_000;
/** Interval of protocol pings that find dead sockets. */
const PING_INTERVAL_MS = 30_000;
/** How long a graceful stop waits for sockets to finish their closing handshake before cutting them. */
const CLOSE_GRACE_MS = 2_000;

export class SyncServer implements TRoomHookRegistry {
  private readonly wss: WebSocketServer;
  private readonly gate: SocketGate;
  private readonly rooms: RoomRegistry;
  private readonly revocations: Revocations;
  private readonly pingTimer: NodeJS.Timeout;
  private readonly awaitingPong = new WeakSet<WebSocket>();
  /** Counters for /metrics, bumped on the hot path. */
  readonly stats = new SyncStats();
  /** Sockets, attempts and frames per client address. */
  readonly addresses: AddressLimits;
  /**
   * The HTTP server's 'upgrade' handler. Never throws and never leaves a
   * rejection behind (see `SocketGate`).
   */
  readonly handleUpgrade: SocketGate["handleUpgrade"];

  constructor(options: SyncServerOptions) {
    const { logger } = options;
    onTurnFailure((error) => logger.error({ err: error }, "a turn's held frames failed to send"));
    const limits = { ...DEFAULT_SYNC_LIMITS, ...options.limits };
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes,
      perMessageDeflate: false,
    });
    this.addresses = new AddressLimits(limits);
    this.rooms = new RoomRegistry({
      documents: options.documents,
      log: options.log,
      clients: options.clients,
      logger,
      limits: { ...limits, maxDocumentBytes: options.maxDocumentBytes },
      storeDelayMs: options.storeDelayMs,
      compactAfter: options.compactAfter,
      fanout: options.fanout ?? new SoloFanout(),
      adoptAfterMs: options.adoptAfterMs ?? ADOPT_AFTER_MS,
      stats: this.stats,
      maxLoadedDocuments: limits.maxLoadedDocuments,
    });
    this.revocations = new Revocations(options.accessChanges, logger, this.stats);
    const sessions: TSessionContext = {
      logger,
      stats: this.stats,
      maxMessageBytes: options.maxMessageBytes,
      maxDocumentBytes: options.maxDocumentBytes,
      frameRates: sessionFrameRates(limits, options.maxMessageBytes, options.maxDocumentBytes),
      maxQueuedMessages: options.maxQueuedMessages,
      maxBufferedBytes: options.maxBufferedBytes,
      addresses: this.addresses,
      rooms: this.rooms,
      revocations: this.revocations,
      alive: (ws: WebSocket) => this.awaitingPong.delete(ws),
    };
    this.gate = new SocketGate({
      wss: this.wss,
      logger,
      stats: this.stats,
      addresses: this.addresses,
      rooms: this.rooms,
      admit: options.admit,
      trustProxy: options.trustProxy ?? false,
      // A session lives as long as its socket, which keys it (see SyncSession).
      opened: (ws, admitted) => new SyncSession(sessions, ws, admitted),
    });
    this.handleUpgrade = this.gate.handleUpgrade;
    this.pingTimer = setInterval(() => this.pingAll(), PING_INTERVAL_MS);
    this.pingTimer.unref();
  }

  /** Adds a feature's room hooks (see `RoomHooks`); returns their removal. */
  register(hooks: TRoomHooks): () => void {
    return this.rooms.register(hooks);
  }

  /** Open sync sockets, for metrics. */
  get openConnections(): number {
    return this.wss.clients.size;
  }

  /** Rooms in memory now, for health and tests. */
  get loadedDocuments(): number {
    return this.rooms.size;
  }

  /** True when no loaded room is failing to store. */
  storageHealthy(): Promise<boolean> {
    return this.rooms.storageHealthy();
  }

  /** The live Y.Doc of a document loaded here (read it, never change it), or undefined. */
  loadedDocument(documentId: string): Promise<Y.Doc | undefined> {
    return this.rooms.loadedDocument(documentId);
  }

  /** Closes every socket of a document (deleted) with `code`, on every instance. */
  closeDocument(documentId: string, code: number, reason: string): Promise<void> {
    return this.rooms.closeDocument(documentId, code, reason);
  }

  /**
   * Asks the other instances, for every loaded document, for what this one
   * lacks, and tells them what they lack in return: for when Redis comes
   * back and what was published meanwhile never arrived.
   */
  catchUpAll(): Promise<void> {
    return this.rooms.catchUpAll();
  }

  /**
   * Checks every open socket's rights again and closes, with accessChanged,
   * those whose role changed or whose session ended; returns how many closed
   * (see `Revocations.recheckAll`).
   */
  recheckAll(
    currentRole: (identity: TSocketIdentity, documentId: string) => Promise<TRole | null>,
  ): Promise<number> {
    return this.revocations.recheckAll(currentRole);
  }

  /**
   * Graceful stop: no new sockets, close the open ones with "restarting"
   * (clients reconnect to the next process), then store every room.
   */
  async close(): Promise<void> {
    this.gate.stop();
    clearInterval(this.pingTimer);
    this.revocations.dispose();
    await this.rooms.closeAll(CloseCode.restarting, "server restarting");
    await Promise.all([
      this.rooms.storeAll(),
      // A close frame queued behind a busy socket's sends is lost if the
      // socket is cut first: the client would see 1006, not "restarting".
      this.socketsClosed(CLOSE_GRACE_MS),
    ]);
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  /** Resolves once every socket has finished closing, or after `graceMs`. */
  private async socketsClosed(graceMs: number): Promise<void> {
    const deadline = Date.now() + graceMs;
    while (this.wss.clients.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Drops sockets that did not answer the previous round's ping, pings the rest. */
  private pingAll(): void {
    this.addresses.prune();
    for (const ws of this.wss.clients) {
      if (this.awaitingPong.has(ws)) {
        ws.terminate();
        continue;
      }
      this.awaitingPong.add(ws);
      ws.ping();
    }
  }
}
