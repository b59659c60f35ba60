/**
 * The sync socket's gate: everything decided before a socket is upgraded.
 * The target, the client address's caps, who is connecting with what role
 * (`admit`), and room for one more document; a refusal completes the
 * handshake only to close with a named code, so the client knows why.
 * An admitted socket is handed on with its room already loading.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { CAPABILITIES_PARAM, CloseCode, closeCodeName } from "@caucus/shared";
import type { WebSocket, WebSocketServer } from "ws";
import { clientAddress } from "../auth/clientAddress.js";
import type { Logger } from "../logger.js";
import type { AddressLimits } from "./AddressLimits.js";
import type { TSocketIdentity } from "./Connection.js";
import type { RoomRegistry } from "./RoomRegistry.js";
import type { TAdmittedSocket } from "./SyncSession.js";
import type { SyncStats } from "./SyncStats.js";
import { parseSyncTarget } from "./syncTarget.js";

/** The outcome of checking a socket's credentials, origin and role. */
export type TSocketAdmission =
  | { ok: true; identity: TSocketIdentity }
  | { ok: false; code: number; reason: string };

export interface SocketGateOptions {
  wss: WebSocketServer;
  logger: Logger;
  stats: SyncStats;
  addresses: AddressLimits;
  rooms: Pick<RoomRegistry, "size" | "mayOpen" | "open">;
  /**
   * Decides, before the upgrade completes, who is connecting and with what
   * role; a refusal closes the socket with its code before any document
   * byte is sent.
   */
  admit(request: IncomingMessage, documentId: string, url: URL): TSocketAdmission | Promise<TSocketAdmission>;
  /** Take the client address from X-Forwarded-For (behind a proxy that sets it). */
  trustProxy: boolean;
  /** Starts the session of a socket that passed the gate. */
  opened(ws: WebSocket, admitted: TAdmittedSocket): void;
}

export class SocketGate {
  private closing = false;
  /** The raw socket's error listener, one for every socket (a closure per socket would stay as long as it). */
  private readonly onSocketError: (this: Duplex, error: Error) => void;
  /** Each counted socket's address, given back when it closes (see `releaseOnClose`). */
  private readonly counted = new WeakMap<Duplex, string>();
  private readonly onSocketClose: (this: Duplex) => void;
  /** A refused socket's 'error' listener (see `refuseUpgrade`). */
  private readonly onRefusedError: (error: Error) => void;

  constructor(private readonly options: SocketGateOptions) {
    const { logger, addresses } = options;
    this.onSocketError = function (this: Duplex, error: Error) {
      logger.debug({ err: error }, "sync socket error before or during the upgrade");
      this.destroy();
    };
    this.onRefusedError = (error: Error) => logger.debug({ err: error }, "refused sync socket error");
    const counted = this.counted;
    this.onSocketClose = function (this: Duplex) {
      const address = counted.get(this);
      if (address === undefined) return;
      counted.delete(this);
      addresses.close(address);
    };
  }

  /** No socket passes from now on (graceful stop): new upgrades are answered 404. */
  stop(): void {
    this.closing = true;
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
    socket.on("error", this.onSocketError);
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
    const { logger, addresses, rooms } = this.options;
    const target = parseSyncTarget(request.url);
    if (target.kind === "malformed") {
      logger.info({ target: request.url?.slice(0, 200) }, "sync upgrade refused: malformed target");
      return rejectRaw(socket, "400 Bad Request");
    }
    if (target.kind === "elsewhere" || this.closing) return rejectRaw(socket, "404 Not Found");
    const { url } = target;
    const documentId = target.kind === "document" ? target.documentId : url.pathname;
    // Counted before anything else, so refused and failing attempts count too.
    const address = requestAddress(request, this.options.trustProxy);
    const tooMany = addresses.open(address);
    // Past here the socket is ws's to answer on: a failure destroys it rather than write raw HTTP.
    handover.done = true;
    const refuse = (code: number, reason: string) =>
      this.refuseUpgrade(request, socket, head, documentId, code, reason);
    if (tooMany) return refuse(CloseCode.tryAgainLater, tooMany);
    // The raw socket closes on every path from here: refused, failed or done.
    this.releaseOnClose(socket, address);
    if (target.kind === "notDocument") return refuse(CloseCode.badRequest, "not a document id");
    // Nothing of the document is touched until the person is admitted.
    let admission: TSocketAdmission;
    try {
      admission = await this.options.admit(request, documentId, url);
    } catch (error) {
      logger.error({ err: error, documentId }, "checking a socket's access failed");
      if (socket.destroyed) return;
      // Storage is what failed: the same code as a document that cannot load.
      return refuse(CloseCode.documentLoadFailed, "could not check access: storage unavailable");
    }
    if (socket.destroyed || this.closing) return void socket.destroy();
    if (!admission.ok) return refuse(admission.code, admission.reason);
    if (!rooms.mayOpen(documentId)) {
      logger.warn(
        { loaded: rooms.size },
        "sync socket refused: as many documents loaded as MAX_LOADED_DOCUMENTS allows",
      );
      return refuse(CloseCode.tryAgainLater, "too many documents open on this server");
    }
    const capabilities = new Set((url.searchParams.get(CAPABILITIES_PARAM) ?? "").split(","));
    // The room starts loading before the handshake completes, so the
    // first frames find it ready sooner.
    const room = rooms.open(documentId);
    room.catch(() => {});
    const { identity } = admission;
    this.options.wss.handleUpgrade(request, socket, head, (ws) => {
      // From here ws listens for the raw socket's errors, and the session
      // gives the address back when its socket closes: two listeners fewer
      // on every open socket (see docs/PERFORMANCE.md, memory per idle socket).
      socket.off("error", this.onSocketError);
      this.handOver(socket);
      this.options.opened(ws, {
        documentId,
        identity,
        capabilities,
        query: url.searchParams,
        address,
        room,
        transport: socket,
      });
    });
  }

  /**
   * Gives the address its socket back when the socket closes, through one
   * listener shared by every socket: a listener created inside `upgrade`
   * would keep that async function's whole scope (the request with its
   * headers, the URL, the admission) alive as long as the socket, about
   * 3.7 KiB per idle socket, and even a small closure and `once` wrapper
   * cost each idle socket a few hundred bytes.
   */
  private releaseOnClose(socket: Duplex, address: string): void {
    this.counted.set(socket, address);
    socket.on("close", this.onSocketClose);
  }

  /** The session of an admitted socket gives its address back from now on (`SyncSession.closed`). */
  private handOver(socket: Duplex): void {
    this.counted.delete(socket);
    socket.off("close", this.onSocketClose);
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
    this.options.wss.handleUpgrade(request, socket, head, (ws) => {
      // A refused socket still reads frames until the close handshake ends:
      // a malformed one (a bad opcode, an unmasked frame) is an 'error'
      // event, which without a listener would stop the whole server.
      ws.on("error", this.onRefusedError);
      this.options.logger.info({ documentId, code: closeCodeName(code), reason }, "sync socket refused");
      this.options.stats.recordClose(closeCodeName(code));
      ws.close(code, reason);
    });
  }
}

/** What this instance counts as one client address. */
function requestAddress(request: IncomingMessage, trustProxy: boolean): string {
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
