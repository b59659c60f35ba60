/**
 * One open document's room: its Y.Doc and awareness, the sockets editing
 * it, what a writer, a commenter or a reader may change, and the parts it
 * builds and owns (its store, its carets, its side of the fan-out).
 */
import { CloseCode, Limits } from "@caucus/shared";
import { checkSuggestionUpdate, SUGGESTION_LIMITS } from "@caucus/shared/editor";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { ClientClaims } from "./ClientClaims.js";
import { Connection } from "./Connection.js";
import type { TFanoutMessage } from "./DocumentFanout.js";
import { checkEditorUpdate } from "./editorUpdateCheck.js";
import {
  asProtocolError,
  decodeClientMessage,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  RoomRefusal,
} from "./messages.js";
import { RoomAcks } from "./RoomAcks.js";
import { RoomCarets } from "./RoomCarets.js";
import { RoomFanout } from "./RoomFanout.js";
import type { RoomHooks } from "./RoomHooks.js";
import { RoomStore } from "./RoomStore.js";
import type { TLoadedDocument, TRoomContext, TRoomLimits } from "./roomContext.js";
import { TurnEdits } from "./TurnEdits.js";

/** Bytes of a Yjs update that changes nothing (no structs, empty delete set). */
const EMPTY_UPDATE_BYTES = 2;

/** Origin of what another instance sent: relayed to our sockets, neither stored nor published again. */
const FROM_PEER = Symbol("from another instance");

/**
 * One open document: its Y.Doc, its awareness (carets, names), the sockets
 * editing it, and the parts it builds and owns: its store, its carets and
 * its side of the fan-out between instances. Exactly one room exists per
 * loaded document; the rest of the server asks the room, never its parts.
 */
export class DocumentRoom {
  readonly documentId: string;
  readonly doc: Y.Doc;
  readonly connections = new Set<Connection>();
  readonly awareness: awarenessProtocol.Awareness;
  destroyed = false;
  private readonly store: RoomStore;
  /** Who may show which caret, and how often carets are sent on. */
  private readonly carets: RoomCarets;
  /** The other instances holding this document. */
  private readonly peers: RoomFanout;
  /** What the sockets that asked are told is stored. */
  private readonly acks: RoomAcks;
  /** Frames waiting on the database; the room is not dropped before they apply. */
  private readonly waiting = new Set<Promise<void>>();
  /** Whose each client id is. */
  private readonly claims: ClientClaims;
  private readonly limits: TRoomLimits;
  private readonly hooks: RoomHooks;
  /**
   * This turn's edits, sent together at its end; flushed before the room
   * sends anything else, so frames keep the order the room made them in.
   */
  private readonly edits: TurnEdits;
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
    this.edits = new TurnEdits(this.connections);
    // The server has no caret of its own.
    this.awareness.setLocalState(null);
    const { log, logger } = context;
    // Its parts call each other through the room, which owns them all;
    // none runs those callbacks before the room is whole.
    this.store = new RoomStore({
      documentId,
      doc,
      log,
      logger,
      scheduler: context.scheduler,
      compactAfter: context.compactAfter,
      initialRows: loaded.rows,
      onStored: () => this.acks.announce(),
      // Also after a write that moved no clock (it stored deletions): frames are acknowledged.
      onWritten: (covered) => {
        this.peers.onWritten(covered);
        this.acks.announce();
      },
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
    this.acks = new RoomAcks({
      connections: this.connections,
      store: this.store,
      peers: this.peers,
      flushEdits: () => this.edits.send(),
    });
    this.carets = new RoomCarets({
      awareness: this.awareness,
      limits: context.limits,
      claims: this.claims,
      connections: this.connections,
      broadcast: (frame, except) => this.broadcast(frame, except),
      hold: (claiming) => this.hold(claiming),
      publish: (clients) => this.peers.publishAwareness(clients),
    });
    doc.on("update", this.onDocumentUpdate);
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

  /**
   * Greets a new socket: our state vector and everyone's carets. What is
   * stored it hears once its first update frame is handled (a y-websocket
   * client's sync step 2, the answer to our step 1), with that frame's
   * count, or sooner if what is stored moves: one message where two would
   * each carry the whole state vector.
   */
  join(connection: Connection): void {
    this.edits.send();
    this.connections.add(connection);
    connection.send(encodeSyncStep1(this.doc));
    this.carets.greet(connection);
  }

  /** Forgets a socket and the carets it announced. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.carets.forget(connection);
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
        // Held edits go out first: the socket, not answered yet, is skipped,
        // and the answer carries them.
        this.edits.send();
        // A 4-byte request can ask for the whole document: its answers are
        // counted against the socket's own budget, and the one past it
        // closes the socket instead of being sent.
        const answer = encodeSyncStep2(this.doc, message.stateVector);
        if (!connection.syncAnswers.takeAnswer(answer.byteLength)) {
          throw new RoomRefusal(CloseCode.tryAgainLater, "too many requests for the document: slow down");
        }
        connection.send(answer);
        // From here on it hears every edit: what came before is in this answer.
        connection.answered = true;
        break;
      }
      case "update":
        if (!connection.identity.readOnly) return this.receiveUpdate(connection, message.update);
        this.refuseUpdate(connection, message.update);
        this.acks.frameHandled(connection);
        break;
      case "awareness":
        return this.carets.receive(connection, message.update);
      case "queryAwareness":
        this.carets.answerQuery(connection);
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
    this.carets.applyRemote(update);
  }

  /** Another instance stored edits this room held for it. */
  heldStored(): void {
    this.acks.announce();
  }

  /** Sends a frame to every socket but `except`. */
  private broadcast(frame: Uint8Array, except?: Connection): void {
    this.edits.send();
    for (const connection of this.connections) {
      if (connection !== except) connection.send(frame);
    }
  }

  /**
   * Sends an edit, at the end of this turn (see TurnEdits), to every socket
   * but `except` that has been answered its sync step 1. One that has not
   * would get edits built on text it does not have yet: Yjs holds those as
   * pending and merges each later one into them, which grows with the
   * square of their number (20,000 edits of a burst held that way cost a
   * client 31 s of CPU, and froze it). Its answer, computed when it is
   * sent, carries every edit before it.
   */
  private broadcastEdit(update: Uint8Array, except?: Connection): void {
    this.edits.add(update, except);
  }

  /** Closes every socket with `code`; used on delete and on shutdown. */
  closeAll(code: number, reason: string): void {
    this.edits.send();
    for (const connection of this.connections) connection.close(code, reason);
  }

  destroy(): void {
    this.edits.send();
    this.destroyed = true;
    this.carets.dispose();
    this.store.dispose();
    this.peers.dispose();
    this.doc.off("update", this.onDocumentUpdate);
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
    this.applyWriterUpdate(connection, update, writers);
    // Counted only now, after the wait for the database if there was one.
    this.acks.frameHandled(connection);
  }

  private applyWriterUpdate(connection: Connection, update: Uint8Array, writers: Map<number, number>): void {
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
    if (connection.identity.suggestOnly) {
      this.applySuggestion(connection, own);
      return;
    }
    const { userId } = connection.identity;
    let checked: ReturnType<typeof checkEditorUpdate>;
    try {
      checked = checkEditorUpdate(this.doc, own, (client) => this.claims.ownerOf(client) === userId);
    } catch (error) {
      throw asProtocolError(error);
    }
    if ("refused" in checked) {
      connection.send(encodePermissionDenied(`update dropped: ${checked.refused}`));
      return;
    }
    if (checked.dropped) {
      connection.send(
        encodePermissionDenied("deletions of text this document does not hold yet were dropped"),
      );
      if (checked.update.byteLength <= EMPTY_UPDATE_BYTES) return;
    }
    this.applyClientUpdate(connection, checked.update);
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
      this.broadcastEdit(update);
    } else {
      this.broadcastEdit(update, origin instanceof Connection ? origin : undefined);
      const seq = this.peers.publishUpdate(update);
      this.store.markDirty(update, this.peers.self, seq);
    }
    this.hooks.edited(this.documentId);
  };
}
