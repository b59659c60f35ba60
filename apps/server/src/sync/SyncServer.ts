import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { CAPABILITIES_PARAM, CloseCode, closeCodeName, Limits, type TRole } from "@caucus/shared";
import { type WebSocket, WebSocketServer } from "ws";
import type * as Y from "yjs";
import type { AccessChanges, TAccessChange } from "../auth/AccessChanges.js";
import { clientAddress } from "../auth/clientAddress.js";
import type { DocumentRepository } from "../documents/DocumentRepository.js";
import type { Logger } from "../logger.js";
import { AddressLimits, type TAddressLimitOptions } from "./AddressLimits.js";
import type { ClientOwnerRepository } from "./ClientOwnerRepository.js";
import { Connection, type TSocketIdentity } from "./Connection.js";
import { type DocumentFanout, SoloFanout } from "./DocumentFanout.js";
import { DEFAULT_ROOM_LIMITS, type DocumentRoom, RoomRefusal, type TRoomLimits } from "./DocumentRoom.js";
import { loadRoom, type TLoadContext } from "./loadRoom.js";
import { ProtocolError } from "./messages.js";
import { RoomHooks, type TRoomHookRegistry, type TRoomHooks } from "./RoomHooks.js";
import { StoreScheduler } from "./StoreScheduler.js";
import { SyncStats } from "./SyncStats.js";
import { parseSyncTarget } from "./syncTarget.js";
import { TokenBucket } from "./TokenBucket.js";
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
  admit(request: IncomingMessage, documentId: string, url: URL): Promise<TSocketAdmission>;
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

/** The outcome of checking a socket's credentials, origin and role. */
export type TSocketAdmission =
  | { ok: true; identity: TSocketIdentity }
  | { ok: false; code: number; reason: string };

/** Interval of protocol pings that find dead sockets. */
const PING_INTERVAL_MS = 30_000;
/** How long a graceful stop waits for sockets to finish their closing handshake before cutting them. */
const CLOSE_GRACE_MS = 2_000;
/** How soon an idle room whose store failed tries to unload again. */
const UNLOAD_RETRY_MS = 2_000;

/**
 * The y-websocket endpoint: `/sync/:documentId` on the HTTP server's port.
 * Keeps one room per open document, loads it on first join and unloads it
 * once its last socket has left and its edits are stored.
 */
export class SyncServer implements TRoomHookRegistry {
  private readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, Promise<DocumentRoom>>();
  private readonly pingTimer: NodeJS.Timeout;
  private readonly scheduler: StoreScheduler;
  private readonly awaitingPong = new WeakSet<WebSocket>();
  /** Open sockets by person, to close them when their rights change. */
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly unsubscribe: () => void;
  private closing = false;
  private readonly fanout: DocumentFanout;
  /** The last seq given to an edit of this process. */
  private seq = 0;
  private readonly hooks: RoomHooks;
  /** What every room shares, built once. */
  private readonly roomContext: TLoadContext;
  /** Counters for /metrics, bumped on the hot path. */
  readonly stats = new SyncStats();
  private readonly limits: TSyncLimits;
  /** Sockets, attempts and frames per client address. */
  readonly addresses: AddressLimits;

  constructor(private readonly options: SyncServerOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes,
      perMessageDeflate: false,
    });
    this.fanout = options.fanout ?? new SoloFanout();
    this.limits = { ...DEFAULT_SYNC_LIMITS, ...options.limits };
    this.addresses = new AddressLimits(this.limits);
    this.scheduler = new StoreScheduler(options.log, options.storeDelayMs, options.logger, this.stats);
    this.hooks = new RoomHooks(options.logger);
    this.roomContext = {
      documents: options.documents,
      log: options.log,
      clients: options.clients,
      logger: options.logger,
      limits: { ...this.limits, maxDocumentBytes: options.maxDocumentBytes },
      scheduler: this.scheduler,
      compactAfter: options.compactAfter,
      fanout: this.fanout,
      nextSeq: () => ++this.seq,
      adoptAfterMs: options.adoptAfterMs ?? ADOPT_AFTER_MS,
      stats: this.stats,
      hooks: this.hooks,
    };
    this.pingTimer = setInterval(() => this.pingAll(), PING_INTERVAL_MS);
    this.pingTimer.unref();
    this.unsubscribe = options.accessChanges.subscribe((change) => this.revoke(change));
  }

  /** Adds a feature's room hooks (see `RoomHooks`); returns their removal. */
  register(hooks: TRoomHooks): () => void {
    return this.hooks.register(hooks);
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
  async storageHealthy(): Promise<boolean> {
    for (const pending of this.rooms.values()) {
      const room = await pending.catch(() => undefined);
      if (room?.storeFailing) return false;
    }
    return true;
  }

  /**
   * The HTTP server's 'upgrade' handler. Never throws and never leaves a
   * rejection behind: anything a request can reach here costs that request
   * (a 400, or a 500 and a log line), never the process.
   */
  handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Node removes its own 'error' listener from a socket it hands to
    // 'upgrade'; without one, a client resetting mid-handshake is an
    // unhandled 'error' event. Kept for the socket's life: ws adds its own.
    socket.on("error", (error) => {
      this.options.logger.debug({ err: error }, "sync socket error before or during the upgrade");
      socket.destroy();
    });
    const handover = { done: false };
    try {
      this.upgrade(request, socket, head, handover).catch((error: unknown) =>
        this.upgradeFailed(socket, handover, error),
      );
    } catch (error) {
      this.upgradeFailed(socket, handover, error);
    }
  };

  /** A bug of ours that an upgrade reached: logged, and that request alone refused. */
  private upgradeFailed(socket: Duplex, handover: { done: boolean }, error: unknown): void {
    this.options.logger.error({ err: error }, "handling a sync socket upgrade failed");
    if (handover.done) socket.destroy();
    else rejectRaw(socket, "500 Internal Server Error");
  }

  private async upgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    handover: { done: boolean },
  ): Promise<void> {
    const target = parseSyncTarget(request.url);
    if (target.kind === "malformed") {
      this.options.logger.info(
        { target: request.url?.slice(0, 200) },
        "sync upgrade refused: malformed target",
      );
      return rejectRaw(socket, "400 Bad Request");
    }
    if (target.kind === "elsewhere" || this.closing) return rejectRaw(socket, "404 Not Found");
    const { url } = target;
    const documentId = target.kind === "document" ? target.documentId : url.pathname;
    // Counted before anything else, so refused and failing attempts count too.
    const address = this.addressOf(request);
    const tooMany = this.addresses.open(address);
    // Past here the socket is ws's to answer on: a failure destroys it rather than write raw HTTP.
    handover.done = true;
    if (tooMany) {
      this.refuseUpgrade(request, socket, head, documentId, CloseCode.tryAgainLater, tooMany);
      return;
    }
    // The raw socket closes on every path from here: refused, failed or done.
    socket.once("close", () => this.addresses.close(address));
    if (target.kind === "notDocument") {
      this.refuseUpgrade(request, socket, head, documentId, CloseCode.badRequest, "not a document id");
      return;
    }
    // Nothing of the document is touched until the person is admitted.
    let admission: TSocketAdmission;
    try {
      admission = await this.options.admit(request, documentId, url);
    } catch (error) {
      this.options.logger.error({ err: error, documentId }, "checking a socket's access failed");
      if (socket.destroyed) return;
      this.refuseUpgrade(
        request,
        socket,
        head,
        documentId,
        // Storage is what failed: the same code as a document that cannot load.
        CloseCode.documentLoadFailed,
        "could not check access: storage unavailable",
      );
      return;
    }
    if (socket.destroyed || this.closing) return void socket.destroy();
    if (!admission.ok) {
      this.refuseUpgrade(request, socket, head, documentId, admission.code, admission.reason);
      return;
    }
    if (!this.rooms.has(documentId) && this.rooms.size >= this.limits.maxLoadedDocuments) {
      this.options.logger.warn(
        { loaded: this.rooms.size },
        "sync socket refused: as many documents loaded as MAX_LOADED_DOCUMENTS allows",
      );
      this.refuseUpgrade(
        request,
        socket,
        head,
        documentId,
        CloseCode.tryAgainLater,
        "too many documents open on this server",
      );
      return;
    }
    const capabilities = new Set((url.searchParams.get(CAPABILITIES_PARAM) ?? "").split(","));
    // The room starts loading before the handshake completes, so the
    // first frames find it ready sooner.
    const room = this.openRoom(documentId);
    room.catch(() => {});
    this.wss.handleUpgrade(request, socket, head, (ws) =>
      this.attach(ws, room, capabilities, documentId, admission.identity, address),
    );
  }

  private addressOf(request: IncomingMessage): string {
    return requestAddress(request, this.options.trustProxy ?? false);
  }

  /** Completes the handshake only to close with a named code, so the client knows why. */
  private refuseUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    documentId: string,
    code: number,
    reason: string,
  ): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.options.logger.info({ documentId, code: closeCodeName(code), reason }, "sync socket refused");
      this.stats.recordClose(closeCodeName(code));
      ws.close(code, reason);
    });
  }

  /**
   * Checks every open socket's rights again and closes, with accessChanged,
   * those whose role changed or whose session ended. For when rights changes
   * may have been missed: Redis was away while another instance published
   * them, or a session expired; run every ACCESS_RECHECK_SECONDS and when
   * Redis returns. Returns how many closed.
   */
  async recheckAll(currentRole: (identity: TSocketIdentity, documentId: string) => Promise<TRole | null>) {
    let closed = 0;
    // One check per session and document, however many tabs share them.
    const checked = new Map<string, Promise<TRole | null | undefined>>();
    for (const connections of [...this.byUser.values()]) {
      for (const connection of [...connections]) {
        const { identity, documentId } = connection;
        const key = `${identity.userId}\n${identity.sessionId ?? ""}\n${documentId}`;
        let check = checked.get(key);
        if (!check) {
          check = currentRole(identity, documentId).catch(() => undefined);
          checked.set(key, check);
        }
        const role = await check;
        // undefined: the check itself failed (database away); leave the socket as it is.
        if (role === undefined || role === connection.identity.role) continue;
        connection.close(CloseCode.accessChanged, "rights checked again");
        this.stats.recordClose(closeCodeName(CloseCode.accessChanged));
        closed++;
      }
    }
    if (closed > 0)
      this.options.logger.info({ closed }, "sync sockets closed: rights changed unheard (checked again)");
    return closed;
  }

  /** Closes the sockets a rights change affects; their clients reconnect and are checked again. */
  private revoke(change: TAccessChange): void {
    const connections = this.byUser.get(change.userId);
    if (!connections) return;
    for (const connection of connections) {
      const { identity } = connection;
      if (change.workspaceId && identity.workspaceId !== change.workspaceId) continue;
      if (change.documentId && connection.documentId !== change.documentId) continue;
      if (change.sessionId && identity.sessionId !== change.sessionId) continue;
      if (change.reason === "session_renewed") {
        // The device that renewed its session keeps its sockets; later checks ask about the new one.
        if (change.sessionId && change.renewedAs) identity.sessionId = change.renewedAs;
        continue;
      }
      this.options.logger.info(
        { documentId: connection.documentId, reason: change.reason },
        "sync socket closed: access changed",
      );
      connection.close(CloseCode.accessChanged, change.reason);
      this.stats.recordClose(closeCodeName(CloseCode.accessChanged));
    }
  }

  /** The live Y.Doc of a document loaded here (read it, never change it), or undefined. */
  async loadedDocument(documentId: string): Promise<Y.Doc | undefined> {
    const room = await this.rooms.get(documentId)?.catch(() => undefined);
    return room && !room.destroyed ? room.doc : undefined;
  }

  /** Closes every socket of a document (deleted) with `code`, on every instance. */
  async closeDocument(documentId: string, code: number, reason: string): Promise<void> {
    await this.fanout.publish(documentId, { kind: "close", code, reason });
    const room = await this.rooms.get(documentId)?.catch(() => undefined);
    room?.closeAll(code, reason);
  }

  /**
   * Asks the other instances, for every loaded document, for what this one
   * lacks, and tells them what they lack in return: for when Redis comes
   * back and what was published meanwhile never arrived.
   */
  async catchUpAll(): Promise<void> {
    for (const pending of [...this.rooms.values()]) {
      const room = await pending.catch(() => undefined);
      if (room && !room.destroyed) room.requestCatchUp();
    }
  }

  /**
   * Graceful stop: no new sockets, close the open ones with "restarting"
   * (clients reconnect to the next process), then store every room.
   */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.pingTimer);
    this.unsubscribe();
    const rooms = await Promise.all(
      [...this.rooms.values()].map((pending) => pending.catch(() => undefined)),
    );
    for (const room of rooms) {
      room?.closeAll(CloseCode.restarting, "server restarting");
      // Edits held for other instances are stored here too: better twice than lost.
      room?.adoptPeerEdits(0);
    }
    await Promise.all([
      ...rooms.map(async (room) => {
        if (!room) return;
        await this.storeUntilDone(room);
        room.destroy();
      }),
      // A close frame queued behind a busy socket's sends is lost if the
      // socket is cut first: the client would see 1006, not "restarting".
      this.socketsClosed(CLOSE_GRACE_MS),
    ]);
    this.rooms.clear();
    this.scheduler.dispose();
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

  /** Keeps trying to store a room; the caller's shutdown timeout bounds it. */
  private async storeUntilDone(room: DocumentRoom): Promise<void> {
    await room.settled();
    for (let attempt = 1; ; attempt++) {
      try {
        await room.flush();
        return;
      } catch {
        this.options.logger.warn(
          { documentId: room.documentId, attempt },
          "storing on shutdown failed; retrying",
        );
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * attempt)));
      }
    }
  }

  private openRoom(documentId: string): Promise<DocumentRoom> {
    const existing = this.rooms.get(documentId);
    if (existing) return existing;
    const loading = loadRoom(this.roomContext, documentId);
    this.rooms.set(documentId, loading);
    loading.catch(() => {
      if (this.rooms.get(documentId) === loading) this.rooms.delete(documentId);
    });
    return loading;
  }

  private attach(
    ws: WebSocket,
    pendingRoom: Promise<DocumentRoom>,
    capabilities: Set<string>,
    documentId: string,
    identity: TSocketIdentity,
    address: string,
  ): void {
    const { logger } = this.options;
    const { messagesPerSecond, bytesPerSecond, answerBytesPerSecond } = this.limits;
    const messages = new TokenBucket(messagesPerSecond, messagesPerSecond * 10);
    const bytes = new TokenBucket(bytesPerSecond, Math.max(bytesPerSecond * 8, this.options.maxMessageBytes));
    // Two whole documents: the first full answer always fits, with room for one more.
    const answers = new TokenBucket(answerBytesPerSecond, 2 * this.options.maxDocumentBytes);
    const connection = new Connection(
      ws,
      identity,
      documentId,
      this.stats,
      capabilities,
      this.options.maxBufferedBytes,
      (slow) => slow.close(CloseCode.tryAgainLater, "too far behind"),
      answers,
    );
    this.track(connection);
    let room: DocumentRoom | undefined;
    let queue: Uint8Array[] | undefined = [];

    const refuse = (code: number, reason: string) => {
      logger.info({ documentId, code: closeCodeName(code), reason }, "sync socket closed by server");
      this.stats.recordClose(closeCodeName(code));
      connection.close(code, reason);
    };
    const failed = (error: unknown) => {
      if (error instanceof RoomRefusal) {
        if (error.cause) logger.warn({ err: error.cause, documentId }, "handling a sync frame failed");
        refuse(error.code, error.reason);
      } else if (error instanceof ProtocolError) refuse(CloseCode.protocolError, "malformed message");
      else {
        // A bug of ours that some frame reached: it costs this socket, never the process.
        logger.error({ err: error, documentId }, "handling a sync frame failed");
        refuse(CloseCode.internalError, "the server could not handle a message");
      }
    };
    /** Handles one frame; true when it waits on the database and later frames must queue. */
    const receive = (frame: Uint8Array): boolean => {
      let waiting: Promise<void> | undefined;
      try {
        waiting = room?.receive(connection, frame);
      } catch (error) {
        failed(error);
        return false;
      }
      if (!waiting) return false;
      // The frame waits on the database (a client id not seen before): later
      // frames queue behind it, so the socket's updates apply in order.
      queue = [];
      waiting.then(drain, failed);
      return true;
    };
    /** Handles the frames queued while the socket waited, until one waits again. */
    const drain = () => {
      const queued = queue ?? [];
      queue = undefined;
      for (let i = 0; i < queued.length; i++) {
        // Frames that arrived before the socket closed are still its person's
        // edits, unless the server closed it (refused, or access ended).
        if (connection.closedByServer) return;
        // Waiting again: what is left goes before frames that arrive later.
        if (receive(queued[i] as Uint8Array)) return void requeue(queued.slice(i + 1));
      }
    };
    const requeue = (frames: Uint8Array[]) => queue?.unshift(...frames);

    ws.on("message", (data, isBinary) => {
      // Frames already read when the socket was closed are ignored, not refused again.
      if (!connection.open) return;
      if (!isBinary) return refuse(CloseCode.protocolError, "expected a binary frame");
      const frame = toBytes(data);
      this.stats.framesIn++;
      this.stats.bytesIn += frame.byteLength;
      if (!messages.take() || !bytes.take(frame.byteLength) || !this.addresses.takeMessage(address)) {
        return refuse(CloseCode.tryAgainLater, "too many messages: slow down");
      }
      if (queue) {
        if (queue.length >= this.options.maxQueuedMessages) {
          return refuse(CloseCode.tryAgainLater, "too many messages before the document loaded");
        }
        queue.push(frame);
        return;
      }
      receive(frame);
    });
    ws.on("pong", () => this.awaitingPong.delete(ws));
    ws.on("error", (error) => logger.debug({ err: error, documentId }, "sync socket error"));
    ws.on("close", () => {
      this.untrack(connection);
      try {
        if (room) this.leave(room, connection);
      } catch (error) {
        // A bug of ours on the way out: logged, never thrown out of ws's event.
        logger.error({ err: error, documentId }, "leaving the document failed");
      }
    });

    this.joinWhenLoaded(pendingRoom, documentId)
      .then((loaded) => {
        room = loaded;
        if (!connection.open) {
          // Its socket left while the document loaded: what it sent still
          // applies, and nobody may be left to unload the room.
          drain();
          if (loaded.connections.size === 0 && !this.closing) void this.unloadWhenIdle(loaded);
          return;
        }
        room.join(connection);
        drain();
      })
      .catch((error) => {
        if (error instanceof RoomRefusal) refuse(error.code, error.reason);
        else {
          logger.error({ err: error, documentId }, "joining the document failed");
          refuse(CloseCode.documentLoadFailed, "document could not be loaded");
        }
      });
  }

  private track(connection: Connection): void {
    const { userId } = connection.identity;
    const connections = this.byUser.get(userId);
    if (connections) connections.add(connection);
    else this.byUser.set(userId, new Set([connection]));
  }

  private untrack(connection: Connection): void {
    const { userId } = connection.identity;
    const connections = this.byUser.get(userId);
    connections?.delete(connection);
    if (connections?.size === 0) this.byUser.delete(userId);
  }

  /** Waits for the room; if it was unloaded meanwhile, loads it again. */
  private async joinWhenLoaded(pending: Promise<DocumentRoom>, documentId: string): Promise<DocumentRoom> {
    let room = await pending;
    while (room.destroyed) room = await this.openRoom(documentId);
    return room;
  }

  private leave(room: DocumentRoom, connection: Connection): void {
    room.leave(connection);
    if (room.connections.size === 0 && !this.closing) void this.unloadWhenIdle(room);
  }

  /** Stores and drops a room nobody has open; keeps it while storing fails. */
  private async unloadWhenIdle(room: DocumentRoom): Promise<void> {
    // Relayed edits whose instance has been silent about them for too long
    // are stored here; younger ones are its to store, as it was alive a
    // moment ago.
    room.adoptPeerEdits();
    try {
      // Frames still waiting on the database (a new client id) apply first.
      await room.settled();
      await room.flush();
    } catch {
      // Storage is failing: keep the room (and its unstored edits) in memory
      // and try again; the store itself retries with backoff meanwhile.
      setTimeout(() => void this.unloadWhenIdle(room), UNLOAD_RETRY_MS).unref();
      return;
    }
    if (room.connections.size > 0 || room.destroyed || this.closing) return;
    if (room.unstored) {
      // Something started storing after the flush (a compaction): try again
      // rather than leave a room nobody has open in memory for good.
      setTimeout(() => void this.unloadWhenIdle(room), UNLOAD_RETRY_MS).unref();
      return;
    }
    if ((await this.rooms.get(room.documentId)?.catch(() => undefined)) !== room) return;
    this.rooms.delete(room.documentId);
    room.destroy();
    this.options.logger.debug({ documentId: room.documentId }, "document unloaded");
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

/** What this instance counts as one client address. */
export function requestAddress(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers["x-forwarded-for"];
  return clientAddress(
    Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    request.socket.remoteAddress,
    trustProxy,
  );
}

/** Answers a request that is not upgraded with a bare HTTP status and closes it. */
function rejectRaw(socket: Duplex, status: string): void {
  if (!socket.writable) return void socket.destroy();
  // The server allows half-open sockets: close ours once the answer is out.
  socket.once("finish", () => socket.destroy());
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
