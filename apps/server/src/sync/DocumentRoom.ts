import { CloseCode, Limits } from "@caucus/shared";
import { checkSuggestionUpdate, SUGGESTION_LIMITS } from "@caucus/shared/editor";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Logger } from "../logger.js";
import { AwarenessThrottle } from "./AwarenessThrottle.js";
import type { ClientClaims } from "./ClientClaims.js";
import { Connection } from "./Connection.js";
import { decodeCaretEntries, encodeCaretEntries, type TCaretEntry, withAccountName } from "./caretEntries.js";
import type { DocumentFanout, TFanoutMessage } from "./DocumentFanout.js";
import {
  decodeClientMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodeStored,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  ProtocolError,
} from "./messages.js";
import { RoomFanout } from "./RoomFanout.js";
import type { RoomHooks } from "./RoomHooks.js";
import { RoomStore } from "./RoomStore.js";
import type { StoreScheduler } from "./StoreScheduler.js";
import type { SyncStats } from "./SyncStats.js";
import { TokenBucket } from "./TokenBucket.js";
import type { UpdateLog } from "./UpdateLog.js";

/** Bytes of a Yjs update that changes nothing (no structs, empty delete set). */
const EMPTY_UPDATE_BYTES = 2;
/** What one room allows its sockets. */
export interface TRoomLimits {
  /** Largest encoded state; an update past it closes its socket with 4413. */
  maxDocumentBytes: number;
  /** Caret changes of one socket sent on per second (bursts of two seconds' worth); more are coalesced. */
  awarenessUpdatesPerSecond: number;
  /** Largest awareness message; larger closes with 1009. */
  maxAwarenessBytes: number;
  /** Awareness client ids one socket may announce; more closes with 1008. */
  maxAwarenessClients: number;
}

export const DEFAULT_ROOM_LIMITS: TRoomLimits = {
  maxDocumentBytes: Limits.maxDocumentBytes,
  awarenessUpdatesPerSecond: Limits.awarenessUpdatesPerSecond,
  maxAwarenessBytes: Limits.maxAwarenessBytes,
  maxAwarenessClients: Limits.maxAwarenessClients,
};

/**
 * What every room of one sync server shares: its limits, where edits are
 * stored, the other instances, and the features' hooks.
 */
export interface TRoomContext {
  limits: TRoomLimits;
  log: UpdateLog;
  logger: Logger;
  /** Writes every dirty room of the process together. */
  scheduler: StoreScheduler;
  /** Rows in a document's log before they are folded into one snapshot. */
  compactAfter: number;
  fanout: DocumentFanout;
  /** Numbers this process's edits across documents. */
  nextSeq: () => number;
  /** How long edits from another instance wait for it to store them before this one does. */
  adoptAfterMs: number;
  stats?: SyncStats;
  hooks: RoomHooks;
}

/** One document as read from storage, for its room to own. */
export interface TLoadedDocument {
  documentId: string;
  doc: Y.Doc;
  /** Bytes of the stored rows it was built from. */
  bytes: number;
  /** Rows in its log. */
  rows: number;
  /** Whose each of its client ids is. */
  claims: ClientClaims;
  /** Stops hearing the other instances about it: what joining the fan-out returned. */
  leave: () => Promise<void>;
}

/** Origin of what another instance sent: relayed to our sockets, neither stored nor published again. */
const FROM_PEER = Symbol("from another instance");

/**
 * One open document: its Y.Doc, its awareness (carets, names), the sockets
 * editing it, and the parts it builds and owns: its store and its side of
 * the fan-out between instances. Exactly one room exists per loaded
 * document; the rest of the server asks the room, never its parts.
 */
export class DocumentRoom {
  readonly documentId: string;
  readonly doc: Y.Doc;
  readonly connections = new Set<Connection>();
  /** Each socket's caret changes, sent on at a bounded rate. */
  private readonly throttles = new Map<Connection, AwarenessThrottle>();
  readonly awareness: awarenessProtocol.Awareness;
  destroyed = false;
  private readonly store: RoomStore;
  /** The other instances holding this document. */
  private readonly peers: RoomFanout;
  /** Frames waiting on the database; the room is not dropped before they apply. */
  private readonly waiting = new Set<Promise<void>>();
  /** Whose each client id is. */
  private readonly claims: ClientClaims;
  private readonly limits: TRoomLimits;
  private readonly hooks: RoomHooks;
  /** Bumped for each change another instance's update made, to tell a no-op apart. */
  private peerChanges = 0;
  /**
   * An upper bound of the encoded state's size: what was loaded plus every
   * update applied since. Measured exactly only when it nears the limit.
   */
  private approxBytes: number;

  constructor(context: TRoomContext, loaded: TLoadedDocument) {
    const { documentId, doc } = loaded;
    this.documentId = documentId;
    this.doc = doc;
    this.limits = context.limits;
    this.hooks = context.hooks;
    this.claims = loaded.claims;
    this.approxBytes = loaded.bytes;
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no caret of its own.
    this.awareness.setLocalState(null);
    const { log, logger } = context;
    // Store and fan-out call each other through the room, which owns both;
    // neither runs those callbacks before the room is whole.
    this.store = new RoomStore({
      documentId,
      doc,
      log,
      logger,
      scheduler: context.scheduler,
      compactAfter: context.compactAfter,
      initialRows: loaded.rows,
      onStored: (stateVector) => this.announceStored(stateVector),
      onWritten: (covered) => this.peers.onWritten(covered),
      unconfirmed: () => this.peers.unconfirmed(),
    });
    this.peers = new RoomFanout({
      room: this,
      store: this.store,
      fanout: context.fanout,
      leave: loaded.leave,
      logger,
      nextSeq: context.nextSeq,
      adoptAfterMs: context.adoptAfterMs,
      stats: context.stats,
    });
    doc.on("update", this.onDocumentUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
  }

  /** True while some edit this room must store is not in storage yet. */
  get unstored(): boolean {
    return this.store.pending;
  }

  /** True while the last attempt to store this room failed. */
  get storeFailing(): boolean {
    return this.store.failing;
  }

  /** Stores everything now and resolves when storage holds it (or throws). */
  flush(): Promise<void> {
    return this.store.flush();
  }

  /** Handles a message about this document from another instance. */
  receiveFromPeer(from: Uint8Array, message: TFanoutMessage): void {
    this.peers.receive(from, message);
  }

  /** Asks the other instances for what this room lacks (loaded, or Redis came back). */
  requestCatchUp(): void {
    this.peers.requestCatchUp();
  }

  /**
   * Stores, as ours, edits another instance relayed and has not confirmed
   * storing for `olderThanMs` (all of them with 0): it may be gone.
   */
  adoptPeerEdits(olderThanMs?: number): void {
    this.peers.adopt(olderThanMs);
  }

  /** Greets a new socket: our state vector, everyone's carets, what is stored. */
  join(connection: Connection): void {
    this.connections.add(connection);
    const { awarenessUpdatesPerSecond: rate } = this.limits;
    this.throttles.set(
      connection,
      new AwarenessThrottle(new TokenBucket(rate, rate * 2), (clients) => this.sendAwareness(clients)),
    );
    connection.send(encodeSyncStep1(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) connection.send(encodeAwareness(this.awareness, [...states.keys()]));
    if (connection.wantsStoredAcks) connection.send(encodeStored(this.store.stateVector));
  }

  /** Forgets a socket and the carets it announced. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.throttles.get(connection)?.dispose();
    this.throttles.delete(connection);
    if (connection.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClients], null);
    }
  }

  /**
   * Handles one frame from a socket. Throws {@link ProtocolError} for a
   * frame that does not decode; the caller closes that socket alone.
   * Returns a promise when the frame waits on the database (an update under
   * a client id not seen before): the caller holds the socket's later
   * frames until it settles, so they apply in order.
   */
  receive(connection: Connection, frame: Uint8Array): Promise<void> | undefined {
    const message = decodeClientMessage(frame);
    switch (message.type) {
      case "syncStep1": {
        // A 4-byte request can ask for the whole document: its answers are
        // counted against the socket's own budget, and the one past it
        // closes the socket instead of being sent.
        const answer = encodeSyncStep2(this.doc, message.stateVector);
        if (!connection.syncAnswers.take(answer.byteLength)) {
          throw new RoomRefusal(CloseCode.tryAgainLater, "too many requests for the document: slow down");
        }
        connection.send(answer);
        break;
      }
      case "update":
        if (connection.identity.readOnly) this.refuseUpdate(connection, message.update);
        else return this.receiveUpdate(connection, message.update);
        break;
      case "awareness":
        return this.receiveCarets(connection, message.update);
      case "queryAwareness":
        connection.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
        break;
      case "auth":
        // Permissions flow server → client; one sent to us changes nothing.
        break;
    }
    return undefined;
  }

  /**
   * Applies an edit another instance relayed. Returns whether it changed
   * anything here (or waits on missing parts), i.e. whether the content
   * must be held until its instance stores it. Throws on a malformed update.
   */
  applyRemote(update: Uint8Array): boolean {
    const before = this.peerChanges;
    Y.applyUpdate(this.doc, update, FROM_PEER);
    this.approxBytes += update.byteLength;
    return this.peerChanges !== before || this.doc.store.pendingStructs !== null;
  }

  /** Applies carets another instance relayed. */
  applyRemoteAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_PEER);
  }

  /** Sends a frame to every socket but `except`. */
  broadcast(frame: Uint8Array, except?: Connection): void {
    for (const connection of this.connections) {
      if (connection !== except) connection.send(frame);
    }
  }

  /** Tells the sockets that asked what storage now holds. */
  announceStored(stateVector: Uint8Array): void {
    let frame: Uint8Array | undefined;
    for (const connection of this.connections) {
      if (!connection.wantsStoredAcks) continue;
      frame ??= encodeStored(stateVector);
      connection.send(frame);
    }
  }

  /** Closes every socket with `code`; used on delete and on shutdown. */
  closeAll(code: number, reason: string): void {
    for (const connection of this.connections) connection.close(code, reason);
  }

  destroy(): void {
    this.destroyed = true;
    for (const throttle of this.throttles.values()) throttle.dispose();
    this.throttles.clear();
    this.store.dispose();
    this.peers.dispose();
    this.doc.off("update", this.onDocumentUpdate);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /**
   * A read-only socket's update is dropped, never applied or stored. The
   * client is told once, with y-protocols' own "permission denied" message.
   * An empty update (the sync reply of a client with nothing new) is not
   * worth a warning.
   */
  private refuseUpdate(connection: Connection, update: Uint8Array): void {
    if (connection.toldReadOnly || update.byteLength <= EMPTY_UPDATE_BYTES) return;
    connection.toldReadOnly = true;
    connection.send(
      encodePermissionDenied(`read-only: your role on this document is ${connection.identity.role}`),
    );
  }

  /**
   * A writer's update, once the client ids it writes under are known to be
   * its person's: structs under anyone else's are dropped (the rest, and
   * every deletion, still apply) and the client is told.
   */
  private receiveUpdate(connection: Connection, update: Uint8Array): Promise<void> | undefined {
    let writers: Map<number, number>;
    try {
      writers = Y.parseUpdateMeta(update).from;
    } catch (error) {
      throw asProtocolError(error);
    }
    // Each new id becomes a stored row: a socket may bring only so many, or a
    // flood of one-struct clients would fill the table.
    for (const client of writers.keys()) {
      if (this.claims.ownerOf(client) === undefined) connection.newClientIds++;
    }
    if (connection.newClientIds > Limits.maxNewClientIdsPerSocket) {
      throw new RoomRefusal(CloseCode.policyViolation, "too many client ids on one socket");
    }
    const claiming = this.claims.claim(writers.keys(), connection.identity.userId);
    if (claiming) {
      return this.hold(claiming).then(
        () => this.applyOwnUpdate(connection, update, writers),
        (error: unknown) => {
          throw new RoomRefusal(
            CloseCode.documentLoadFailed,
            "storage unavailable: reconnect to send your edits again",
            error,
          );
        },
      );
    }
    this.applyOwnUpdate(connection, update, writers);
    return undefined;
  }

  /** Resolves once no frame waits on the database any more (before the room is stored and dropped). */
  async settled(): Promise<void> {
    while (this.waiting.size > 0) await Promise.allSettled([...this.waiting]);
  }

  private hold(claiming: Promise<void>): Promise<void> {
    // Tracked until whatever follows the claim has run too.
    const done = claiming.then(
      () => new Promise<void>((resolve) => setImmediate(resolve)),
      () => {},
    );
    this.waiting.add(done);
    void done.then(() => this.waiting.delete(done));
    return claiming;
  }

  private applyOwnUpdate(connection: Connection, update: Uint8Array, writers: Map<number, number>): void {
    // Applied even when its socket has closed since: it was sent before.
    if (this.destroyed) return;
    let foreign: Map<number, number> | undefined;
    for (const client of writers.keys()) {
      if (this.claims.ownerOf(client) === connection.identity.userId) continue;
      // A state vector past any clock: diffUpdate keeps none of that client's structs.
      foreign ??= new Map();
      foreign.set(client, Number.MAX_SAFE_INTEGER);
    }
    let own = update;
    if (foreign) {
      try {
        own = Y.diffUpdate(update, Y.encodeStateVector(foreign));
      } catch (error) {
        throw asProtocolError(error);
      }
      connection.send(encodePermissionDenied("edits under a client id that is someone else's were dropped"));
      if (own.byteLength <= EMPTY_UPDATE_BYTES) return;
    }
    if (connection.identity.suggestOnly) this.applySuggestion(connection, own);
    else this.applyClientUpdate(connection, own);
  }

  /**
   * Carets: a socket may show, change and remove only caret ids that are
   * its person's, and every caret it sends carries its account's name and
   * colour; other entries are dropped. The ids it shows are claimed for its
   * person first (a caret's id is its client's id), so nobody can write
   * under it before its owner's first edit.
   */
  private receiveCarets(connection: Connection, update: Uint8Array): Promise<void> | undefined {
    if (update.byteLength > this.limits.maxAwarenessBytes) {
      throw new RoomRefusal(CloseCode.messageTooBig, "awareness update too large");
    }
    // The stock client sends back every caret it hears: those echoes change
    // nothing, nor does a first state at clock 0 (y-protocols' clock rule).
    const entries = decodeCaretEntries(update).filter((entry) => this.caretWouldChange(entry));
    if (entries.length === 0) return undefined;
    // Counted before anything is claimed: a socket shows a few carets at most.
    const fresh = new Set<number>();
    for (const entry of entries) {
      if (!connection.awarenessClients.has(entry.clientId)) fresh.add(entry.clientId);
    }
    if (connection.awarenessClients.size + fresh.size > this.limits.maxAwarenessClients) {
      throw new RoomRefusal(CloseCode.policyViolation, "too many awareness clients on one socket");
    }
    const claiming = this.claims.claim(fresh, connection.identity.userId);
    if (!claiming) {
      this.showCarets(connection, entries);
      return undefined;
    }
    // Storage failing: the carets are not shown; the text is unaffected.
    return this.hold(claiming).then(
      () => this.showCarets(connection, entries),
      () => {},
    );
  }

  /** Whether y-protocols would apply a caret entry: a newer clock, or a removal at the same one. */
  private caretWouldChange(entry: TCaretEntry): boolean {
    const held = this.awareness.meta.get(entry.clientId)?.clock ?? 0;
    if (held !== entry.clock) return held < entry.clock;
    return entry.state === null && this.awareness.states.has(entry.clientId);
  }

  private showCarets(connection: Connection, entries: TCaretEntry[]): void {
    if (this.destroyed || !connection.open) return;
    const { userId, displayName } = connection.identity;
    const own = entries.filter((entry) => this.claims.ownerOf(entry.clientId) === userId);
    if (own.length === 0) return;
    for (const entry of own) {
      entry.state = withAccountName(entry.state, displayName);
      if (connection.awarenessClients.has(entry.clientId)) continue;
      // The person's new socket takes over a caret their old one still holds.
      for (const other of this.connections) other.awarenessClients.delete(entry.clientId);
      if (entry.state !== null) connection.awarenessClients.add(entry.clientId);
    }
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeCaretEntries(own), connection);
    } catch (error) {
      throw asProtocolError(error);
    }
  }

  /**
   * A commenter's update is applied only when all it does is add their own
   * suggestions or withdraw them; otherwise it is dropped whole and the
   * client told why (y-protocols' "permission denied").
   */
  private applySuggestion(connection: Connection, update: Uint8Array): void {
    const problem =
      checkSuggestionUpdate(this.doc, update, connection.identity.userId) ?? this.suggestionRoom(update);
    if (problem === null) {
      this.applyClientUpdate(connection, update);
      return;
    }
    connection.send(encodePermissionDenied(`suggestions only: ${problem}`));
  }

  /**
   * Someone who may only suggest cannot grow the document past a share of
   * its size limit (withdrawn suggestions leave a few bytes each behind):
   * the rest is kept for the editors, whose text it is.
   */
  private suggestionRoom(update: Uint8Array): string | null {
    const ceiling = Math.floor(this.limits.maxDocumentBytes * SUGGESTION_LIMITS.maxDocumentShare);
    if (this.approxBytes + update.byteLength <= ceiling) return null;
    this.approxBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
    if (this.approxBytes + update.byteLength <= ceiling) return null;
    return "the document is too large for more suggestions: ask an editor to accept or reject some";
  }

  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    const { maxDocumentBytes } = this.limits;
    if (this.approxBytes + update.byteLength > maxDocumentBytes) {
      // The bound overestimates (merged state is smaller than its updates):
      // measure before refusing.
      this.approxBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
      if (this.approxBytes + update.byteLength > maxDocumentBytes) {
        throw new RoomRefusal(CloseCode.documentTooLarge, "document size limit reached");
      }
    }
    try {
      Y.applyUpdate(this.doc, update, connection);
    } catch (error) {
      throw asProtocolError(error);
    }
    this.approxBytes += update.byteLength;
  }

  private readonly onDocumentUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === FROM_PEER) {
      this.peerChanges++;
      this.broadcast(encodeUpdate(update));
    } else {
      this.broadcast(encodeUpdate(update), origin instanceof Connection ? origin : undefined);
      const seq = this.peers.publishUpdate(update);
      this.store.markDirty(update, this.peers.self, seq);
    }
    this.hooks.edited(this.documentId);
  };

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (origin instanceof Connection) {
      for (const id of change.added) origin.awarenessClients.add(id);
      for (const id of change.removed) origin.awarenessClients.delete(id);
      if (origin.awarenessClients.size > this.limits.maxAwarenessClients) return;
      // A socket's flood of caret moves costs one broadcast per interval.
      this.throttles.get(origin)?.offer(changed);
      return;
    }
    if (origin === FROM_PEER || origin === "timeout") {
      // Each instance times out silent carets itself; a timeout here must not
      // remove, elsewhere, a caret whose socket is on another instance.
      this.broadcast(encodeAwareness(this.awareness, changed));
      return;
    }
    this.sendAwareness(changed);
  };

  /** Sends carets to every socket and every other instance. */
  private sendAwareness(clients: number[]): void {
    if (this.destroyed) return;
    // Sent to the origin too: a lone client's only inbound traffic, which
    // keeps y-websocket's 30 s silence timeout from dropping it.
    this.broadcast(encodeAwareness(this.awareness, clients));
    this.peers.publishAwareness(clients);
  }
}

/** Whatever applying a frame's content throws is the frame's fault. */
function asProtocolError(error: unknown): ProtocolError {
  return error instanceof ProtocolError ? error : new ProtocolError(String(error));
}

/** The room refuses a socket's message for a named reason (not a decode error). */
export class RoomRefusal extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    /** What failed underneath (storage), for the log. */
    cause?: unknown,
  ) {
    super(reason, cause === undefined ? undefined : { cause });
    this.name = "RoomRefusal";
  }
}
