/**
 * One admitted socket's session: its rate limits, the frames it sends
 * (queued while its room loads, or while one of them waits on the
 * database, so they apply in order), and why the server closes it. The
 * room does the protocol; the session decides what reaches the room.
 */
import { CloseCode, closeCodeName } from "@caucus/shared";
import type WebSocket from "ws";
import type { Logger } from "../logger.js";
import type { AddressLimits } from "./AddressLimits.js";
import { Connection, type TSocketIdentity, type TTransport } from "./Connection.js";
import type { DocumentRoom } from "./DocumentRoom.js";
import { ProtocolError, RoomRefusal } from "./messages.js";
import type { Revocations } from "./Revocations.js";
import type { TSocketRelease } from "./RoomHooks.js";
import type { RoomRegistry } from "./RoomRegistry.js";
import type { SyncStats } from "./SyncStats.js";
import { FrameBudget, type TFrameBudgetRates } from "./TokenBucket.js";

/** What every session of one sync server shares. */
export interface TSessionContext {
  logger: Logger;
  stats: SyncStats;
  maxMessageBytes: number;
  maxDocumentBytes: number;
  /**
   * Frames and bytes one socket may send (`messagesPerSecond` in bursts of
   * ten seconds' worth, `bytesPerSecond` in bursts of eight seconds' worth,
   * at least one largest frame) and bytes of answers to its sync step 1 it
   * may be sent (`answerBytesPerSecond`, in bursts of two whole documents);
   * see {@link sessionFrameRates}.
   */
  frameRates: TFrameBudgetRates;
  /** Frames held while the document loads; past it 1013. */
  maxQueuedMessages: number;
  /** A socket this far behind on sends is closed rather than buffered forever. */
  maxBufferedBytes: number;
  addresses: AddressLimits;
  rooms: RoomRegistry;
  revocations: Revocations;
  /** The socket answered a ping. */
  alive(ws: WebSocket): void;
}

/** Who was admitted, to which document, from where. */
export interface TAdmittedSocket {
  documentId: string;
  identity: TSocketIdentity;
  /** What the client said it understands (`?caps=`). */
  capabilities: ReadonlySet<string>;
  /** The query of the socket's address, for the features' `opened` hooks. */
  query: URLSearchParams;
  address: string;
  /** The document's room, loading since before the handshake completed. */
  room: Promise<DocumentRoom>;
  /** The upgraded socket under `ws`, corked while a turn's frames are sent. */
  transport: TTransport;
}

export class SyncSession {
  private readonly connection: Connection;
  /** Frames and bytes it may still send. */
  private readonly budget: FrameBudget;
  private readonly logger: Logger;
  private readonly documentId: string;
  private readonly address: string;
  private room: DocumentRoom | undefined;
  /** What the features asked to do when this socket closes (most sockets: nothing). */
  private readonly release: TSocketRelease | undefined;
  /** Frames held until the room loads, or until a frame waiting on the database applies; else undefined. */
  private queue: Uint8Array[] | undefined = [];

  constructor(
    private readonly context: TSessionContext,
    ws: WebSocket,
    admitted: TAdmittedSocket,
  ) {
    const { logger } = context;
    const { documentId } = admitted;
    this.logger = logger;
    this.documentId = documentId;
    this.address = admitted.address;
    this.budget = new FrameBudget(context.frameRates);
    this.connection = new Connection(
      ws,
      admitted.identity,
      documentId,
      context.stats,
      admitted.capabilities,
      context.maxBufferedBytes,
      closeSlow,
      this.budget,
      admitted.transport,
    );
    context.revocations.track(this.connection);
    this.release = context.rooms.socketOpened({
      documentId,
      identity: admitted.identity,
      query: admitted.query,
    });

    // The same four listeners on every socket, which find their session
    // through it: closures per socket would cost every idle socket their
    // contexts (see docs/PERFORMANCE.md, memory per idle connection).
    sessions.set(ws, this);
    ws.on("message", onMessage);
    ws.on("pong", onPong);
    ws.on("error", onError);
    ws.on("close", onClose);

    context.rooms
      .whenLoaded(admitted.room, documentId)
      .then((room) => this.joined(room))
      .catch((error: unknown) => {
        if (error instanceof RoomRefusal) this.refuse(error.code, error.reason);
        else {
          logger.error({ err: error, documentId }, "joining the document failed");
          this.refuse(CloseCode.documentLoadFailed, "document could not be loaded");
        }
      });
  }

  private joined(room: DocumentRoom): void {
    this.room = room;
    if (!this.connection.open) {
      // Its socket left while the document loaded: what it sent still
      // applies, and nobody may be left to unload the room.
      this.drain();
      this.context.rooms.release(room);
      return;
    }
    room.join(this.connection);
    this.drain();
  }

  /** Every frame of every socket passes here: counters and buckets only, nothing allocated but the view. */
  message(data: WebSocket.RawData, isBinary: boolean) {
    // Frames already read when the socket was closed are ignored, not refused again.
    if (!this.connection.open) return;
    if (!isBinary) return this.refuse(CloseCode.protocolError, "expected a binary frame");
    const frame = toBytes(data);
    const { stats, addresses } = this.context;
    stats.framesIn++;
    stats.bytesIn += frame.byteLength;
    if (!this.budget.take(frame.byteLength) || !addresses.takeMessage(this.address)) {
      return this.refuse(CloseCode.tryAgainLater, "too many messages: slow down");
    }
    if (this.queue) {
      if (this.queue.length >= this.context.maxQueuedMessages) {
        return this.refuse(CloseCode.tryAgainLater, "too many messages before the document loaded");
      }
      this.queue.push(frame);
      return;
    }
    this.receive(frame);
  }

  pong(): void {
    this.context.alive(this.connection.socket);
  }

  error(error: Error): void {
    this.logger.debug({ err: error, documentId: this.documentId }, "sync socket error");
  }

  /** Handles one frame; true when it waits on the database and later frames must queue. */
  private receive(frame: Uint8Array): boolean {
    let waiting: Promise<void> | undefined;
    try {
      waiting = this.room?.receive(this.connection, frame);
    } catch (error) {
      this.failed(error);
      return false;
    }
    if (!waiting) return false;
    // The frame waits on the database (a client id not seen before): later
    // frames queue behind it, so the socket's updates apply in order.
    this.queue = [];
    waiting.then(
      () => this.drain(),
      (error: unknown) => this.failed(error),
    );
    return true;
  }

  /** Handles the frames queued while the socket waited, until one waits again. */
  private drain() {
    const queued = this.queue ?? [];
    this.queue = undefined;
    for (let i = 0; i < queued.length; i++) {
      // Frames that arrived before the socket closed are still its person's
      // edits, unless the server closed it (refused, or access ended).
      if (this.connection.closedByServer) return;
      // Waiting again: what is left goes before frames that arrive later.
      if (this.receive(queued[i] as Uint8Array)) return this.requeue(queued.slice(i + 1));
    }
  }

  private requeue(frames: Uint8Array[]): void {
    this.queue?.unshift(...frames);
  }

  private failed(error: unknown): void {
    const { logger, documentId } = this;
    if (error instanceof RoomRefusal) {
      if (error.cause) logger.warn({ err: error.cause, documentId }, "handling a sync frame failed");
      this.refuse(error.code, error.reason);
    } else if (error instanceof ProtocolError) this.refuse(CloseCode.protocolError, "malformed message");
    else {
      // A bug of ours that some frame reached: it costs this socket, never the process.
      logger.error({ err: error, documentId }, "handling a sync frame failed");
      this.refuse(CloseCode.internalError, "the server could not handle a message");
    }
  }

  private refuse(code: number, reason: string): void {
    this.logger.info(
      { documentId: this.documentId, code: closeCodeName(code), reason },
      "sync socket closed by server",
    );
    this.context.stats.recordClose(closeCodeName(code));
    this.connection.close(code, reason);
  }

  closed(): void {
    // The gate handed the address's count over with the socket.
    this.context.addresses.close(this.address);
    this.context.revocations.untrack(this.connection);
    this.release?.();
    const { room } = this;
    if (!room) return;
    try {
      room.leave(this.connection);
      this.context.rooms.release(room);
    } catch (error) {
      // A bug of ours on the way out: logged, never thrown out of ws's event.
      this.logger.error({ err: error, documentId: this.documentId }, "leaving the document failed");
    }
  }
}

/** Each socket's session, for the listeners every socket shares. */
const sessions = new WeakMap<WebSocket, SyncSession>();

function onMessage(this: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
  sessions.get(this)?.message(data, isBinary);
}

function onPong(this: WebSocket): void {
  sessions.get(this)?.pong();
}

function onError(this: WebSocket, error: Error): void {
  sessions.get(this)?.error(error);
}

function onClose(this: WebSocket): void {
  sessions.get(this)?.closed();
}

function closeSlow(connection: Connection): void {
  connection.close(CloseCode.tryAgainLater, "too far behind");
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The frame budget of every socket, from the limits (one object for all of them). */
export function sessionFrameRates(
  limits: { messagesPerSecond: number; bytesPerSecond: number; answerBytesPerSecond: number },
  maxMessageBytes: number,
  maxDocumentBytes: number,
): TFrameBudgetRates {
  return {
    framesPerSecond: limits.messagesPerSecond,
    frameBurst: limits.messagesPerSecond * 10,
    bytesPerSecond: limits.bytesPerSecond,
    byteBurst: Math.max(limits.bytesPerSecond * 8, maxMessageBytes),
    answerBytesPerSecond: limits.answerBytesPerSecond,
    // Two whole documents: the first full answer always fits, with room for one more.
    answerBurst: 2 * maxDocumentBytes,
  };
}
