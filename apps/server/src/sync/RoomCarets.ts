/**
 * A room's carets (its y-protocols awareness): which caret ids a socket may
 * show, under which name, how often its changes are sent on, and which
 * changes cross to the other instances. Built and owned by its
 * `DocumentRoom`, which holds the awareness itself beside the Y.Doc.
 */
import { CloseCode } from "@caucus/shared";
import * as awarenessProtocol from "y-protocols/awareness";
import { AwarenessThrottle } from "./AwarenessThrottle.js";
import type { ClientClaims } from "./ClientClaims.js";
import { Connection } from "./Connection.js";
import { decodeCaretEntries, encodeCaretEntries, type TCaretEntry, withAccountName } from "./caretEntries.js";
import { asProtocolError, EMPTY_AWARENESS, encodeAwareness, RoomRefusal } from "./messages.js";
import { TokenBucket } from "./TokenBucket.js";

/** What one room allows its sockets' carets. */
export interface TCaretLimits {
  /** Caret changes of one socket sent on per second (bursts of two seconds' worth); more are coalesced. */
  awarenessUpdatesPerSecond: number;
  /** Largest awareness message; larger closes with 1009. */
  maxAwarenessBytes: number;
  /** Awareness client ids one socket may announce; more closes with 1008. */
  maxAwarenessClients: number;
}

export interface RoomCaretsOptions {
  awareness: awarenessProtocol.Awareness;
  limits: TCaretLimits;
  /** Whose each client id is: a caret's id is its client's. */
  claims: ClientClaims;
  /** The room's sockets. */
  connections: ReadonlySet<Connection>;
  /** Sends a frame to every socket of the room but `except`. */
  broadcast(frame: Uint8Array, except?: Connection): void;
  /** Keeps the room until what follows a claim has run. */
  hold(claiming: Promise<void>): Promise<void>;
  /** Tells the other instances that our sockets' `clients` changed. */
  publish(clients: number[]): void;
}

/** Origin of carets another instance sent: relayed to our sockets, never published again. */
const FROM_PEER = Symbol("carets from another instance");

/**
 * A socket's own caret changes are not echoed back to it (on a phone that
 * doubled the bytes each keystroke received). When nothing at all was sent
 * to it for this long, its caret renewal (every 15 s) is answered with an
 * empty awareness message instead: three bytes, a lone client's only
 * inbound traffic, which keeps y-websocket's 30 s silence timeout from
 * dropping a healthy connection.
 */
export const ECHO_WHEN_SILENT_MS = 10_000;

export class RoomCarets {
  /** Each socket's caret changes, sent on at a bounded rate. */
  private readonly throttles = new Map<Connection, AwarenessThrottle>();
  private disposed = false;

  constructor(private readonly options: RoomCaretsOptions) {
    options.awareness.on("update", this.onAwarenessUpdate);
  }

  /** A socket joined: it is sent everyone's carets, and its own go out at a bounded rate. */
  greet(connection: Connection): void {
    const { awareness } = this.options;
    const states = awareness.getStates();
    if (states.size > 0) connection.send(encodeAwareness(awareness, [...states.keys()]));
  }

  /** A socket left: the carets it announced go with it. */
  forget(connection: Connection): void {
    this.throttles.get(connection)?.dispose();
    this.throttles.delete(connection);
    if (connection.awarenessClients.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.options.awareness, [...connection.awarenessClients], null);
    }
  }

  /** Answers a socket's query with every caret. */
  answerQuery(connection: Connection): void {
    const { awareness } = this.options;
    connection.send(encodeAwareness(awareness, [...awareness.getStates().keys()]));
  }

  /** Applies carets another instance relayed. */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.options.awareness, update, FROM_PEER);
  }

  /**
   * A socket's carets: it may show, change and remove only caret ids that
   * are its person's, and every caret it sends carries its account's name
   * and colour; other entries are dropped. The ids it shows are claimed for
   * its person first (a caret's id is its client's id), so nobody can write
   * under it before its owner's first edit. Returns a promise while a claim
   * waits on the database.
   */
  receive(connection: Connection, update: Uint8Array): Promise<void> | undefined {
    const { limits, claims } = this.options;
    if (update.byteLength > limits.maxAwarenessBytes) {
      throw new RoomRefusal(CloseCode.messageTooBig, "awareness update too large");
    }
    // The stock client sends back every caret it hears: those echoes change
    // nothing, nor does a first state at clock 0 (y-protocols' clock rule).
    const entries = decodeCaretEntries(update).filter((entry) => this.wouldChange(entry));
    if (entries.length === 0) return undefined;
    // Counted before anything is claimed: a socket shows a few carets at most.
    const fresh = new Set<number>();
    for (const entry of entries) {
      if (!connection.showsCaret(entry.clientId)) fresh.add(entry.clientId);
    }
    if (connection.awarenessClients.length + fresh.size > limits.maxAwarenessClients) {
      throw new RoomRefusal(CloseCode.policyViolation, "too many awareness clients on one socket");
    }
    const claiming = claims.claim(fresh, connection.identity.userId);
    if (!claiming) {
      this.show(connection, entries);
      return undefined;
    }
    // Storage failing: the carets are not shown; the text is unaffected.
    return this.options.hold(claiming).then(
      () => this.show(connection, entries),
      () => {},
    );
  }

  /** Stops sending; the room destroys the awareness. */
  dispose(): void {
    this.disposed = true;
    for (const throttle of this.throttles.values()) throttle.dispose();
    this.throttles.clear();
    this.options.awareness.off("update", this.onAwarenessUpdate);
  }

  /** Whether y-protocols would apply a caret entry: a newer clock, or a removal at the same one. */
  private wouldChange(entry: TCaretEntry): boolean {
    const { awareness } = this.options;
    const held = awareness.meta.get(entry.clientId)?.clock ?? 0;
    if (held !== entry.clock) return held < entry.clock;
    return entry.state === null && awareness.states.has(entry.clientId);
  }

  private show(connection: Connection, entries: TCaretEntry[]): void {
    if (this.disposed || !connection.open) return;
    const { userId, displayName } = connection.identity;
    const own = entries.filter((entry) => this.options.claims.ownerOf(entry.clientId) === userId);
    if (own.length === 0) return;
    for (const entry of own) {
      entry.state = withAccountName(entry.state, displayName);
      if (connection.showsCaret(entry.clientId)) continue;
      // The person's new socket takes over a caret their old one still holds.
      for (const other of this.options.connections) other.dropCaret(entry.clientId);
      if (entry.state !== null) connection.addCaret(entry.clientId);
    }
    try {
      awarenessProtocol.applyAwarenessUpdate(this.options.awareness, encodeCaretEntries(own), connection);
    } catch (error) {
      throw asProtocolError(error);
    }
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (origin instanceof Connection) {
      for (const id of change.added) origin.addCaret(id);
      for (const id of change.removed) origin.dropCaret(id);
      if (origin.awarenessClients.length > this.options.limits.maxAwarenessClients) return;
      // A socket's flood of caret moves costs one broadcast per interval.
      // (A socket that already left, its carets removed, is sent nothing.)
      if (this.options.connections.has(origin)) this.throttleOf(origin).offer(changed);
      return;
    }
    if (origin === FROM_PEER || origin === "timeout") {
      // Each instance times out silent carets itself; a timeout here must not
      // remove, elsewhere, a caret whose socket is on another instance.
      this.options.broadcast(encodeAwareness(this.options.awareness, changed));
      return;
    }
    this.send(changed);
  };

  /** A socket's throttle, made with its first caret: a socket that shows none costs nothing here. */
  private throttleOf(connection: Connection): AwarenessThrottle {
    let throttle = this.throttles.get(connection);
    if (!throttle) {
      const rate = this.options.limits.awarenessUpdatesPerSecond;
      throttle = new AwarenessThrottle(new TokenBucket(rate, rate * 2), (clients) =>
        this.send(clients, connection),
      );
      this.throttles.set(connection, throttle);
    }
    return throttle;
  }

  /** Sends carets to every other socket and every other instance; a silent sender hears an empty message. */
  private send(clients: number[], from?: Connection): void {
    if (this.disposed) return;
    this.options.broadcast(encodeAwareness(this.options.awareness, clients), from);
    if (from && performance.now() - from.lastSentAt >= ECHO_WHEN_SILENT_MS) from.send(EMPTY_AWARENESS);
    this.options.publish(clients);
  }
}
