import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Logger } from "../logger.js";
import type { DocumentFanout, TFanoutMessage } from "./DocumentFanout.js";
import type { RoomStore } from "./RoomStore.js";
import type { SyncStats } from "./SyncStats.js";

/**
 * What the fan-out needs of the room it serves (a `DocumentRoom`, which
 * builds it): declared here, so the room and its fan-out do not import
 * each other.
 */
export interface TFanoutRoom {
  readonly documentId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly destroyed: boolean;
  /** The room's sockets, for the carets they announced. */
  readonly connections: ReadonlySet<{ readonly awarenessClients: readonly number[] }>;
  applyRemote(update: Uint8Array): boolean;
  applyRemoteAwareness(update: Uint8Array): void;
  /** Held edits were confirmed stored: what the room's sockets waited on may be stored now. */
  heldStored(): void;
  closeAll(code: number, reason: string): void;
}

export interface RoomFanoutOptions {
  room: TFanoutRoom;
  /** The same room's store: adopted edits go to it, and it says whether ours are stored. */
  store: Pick<RoomStore, "markDirty" | "pending" | "refreshStored">;
  fanout: DocumentFanout;
  /** Stops hearing the document's messages: what joining the fan-out returned. */
  leave: () => Promise<void>;
  logger: Logger;
  /** Numbers this process's edits, across all its documents. */
  nextSeq: () => number;
  /**
   * How long an edit from another instance is held, waiting for that
   * instance to say it stored it, before this one stores it instead.
   */
  adoptAfterMs: number;
  stats?: SyncStats;
}

/** Held edits of one instance before they are merged into one. */
const MAX_HELD_ENTRIES = 500;

interface THeld {
  seq: number;
  /** Its place among everything this room held (see `holds`); a merged entry keeps its first's. */
  serial: number;
  update: Uint8Array;
  /** When it arrived (ms). */
  at: number;
  /** Per client, the first clock the update carries (computed when asked). */
  from?: Map<number, number>;
}

/**
 * One room's side of the fan-out between instances. Edits from our sockets
 * are published with a seq; edits from others are applied and relayed to our
 * sockets but not stored here: their instance stores them and says so with
 * a `stored` message. Until then they are held, so that if that instance
 * dies first (SIGKILL, a crash) this one stores them after `adoptAfterMs`
 * and says so on its behalf. A loading instance asks the others for what
 * it lacks (edits not stored yet), and every instance asks again when
 * Redis comes back after an outage.
 */
export class RoomFanout {
  readonly self: string;
  private readonly held = new Map<string, THeld[]>();
  /** Held edits adopted (taken out of `held`) whose write has not succeeded yet. */
  private adopting: Array<{ owner: string; seq: number; serial: number }> = [];
  private holdCount = 0;
  private adoptTimer: NodeJS.Timeout | undefined;
  /** The seq of the last edit our sockets made in this room. */
  private lastLocalSeq = 0;
  private readonly shared: boolean;

  constructor(private readonly options: RoomFanoutOptions) {
    this.self = Buffer.from(options.fanout.instance).toString("hex");
    // The all-zero id is the solo fan-out's: nobody listens.
    this.shared = options.fanout.instance.some((byte) => byte !== 0);
  }

  /** Publishes an edit a socket of ours made; returns its seq, for the store to acknowledge. */
  publishUpdate(update: Uint8Array): number {
    const seq = this.options.nextSeq();
    this.lastLocalSeq = seq;
    if (this.shared) this.publish({ kind: "update", seq, update });
    return seq;
  }

  /** Publishes changed carets of our sockets. */
  publishAwareness(changed: number[]): void {
    if (!this.shared || changed.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.options.room.awareness, changed);
    this.publish({ kind: "awareness", update });
  }

  /** Asks every other instance holding the document for what this one lacks. */
  requestCatchUp(): void {
    if (!this.shared) return;
    const stateVector = Y.encodeStateVector(this.options.room.doc);
    this.publish({ kind: "syncRequest", to: undefined, answerBack: true, stateVector });
    this.publishLocalAwareness();
  }

  /** Handles one message from another instance; a message that does not apply is logged and dropped. */
  receive(from: Uint8Array, message: TFanoutMessage): void {
    const { room, logger, stats } = this.options;
    if (room.destroyed) return;
    if (stats) stats.fanoutReceived++;
    try {
      switch (message.kind) {
        case "update":
          if (room.applyRemote(message.update)) this.hold(from, message.seq, message.update);
          break;
        case "awareness":
          room.applyRemoteAwareness(message.update);
          break;
        case "syncRequest":
          if (message.to && Buffer.from(message.to).toString("hex") !== this.self) break;
          this.answer(from, message.stateVector, message.answerBack);
          break;
        case "syncReply":
          if (Buffer.from(message.to).toString("hex") !== this.self) break;
          // seq 0: everything the sender had of its own was stored already.
          if (room.applyRemote(message.update) && message.seq > 0)
            this.hold(from, message.seq, message.update);
          break;
        case "stored":
          this.release(Buffer.from(message.owner).toString("hex"), message.seq);
          break;
        case "close":
          room.closeAll(message.code, message.reason);
          break;
      }
    } catch (error) {
      logger.warn(
        { documentId: room.documentId, kind: message.kind, err: error },
        "dropped a fan-out message that does not apply",
      );
    }
  }

  /** After our store wrote: tell the others whose edits are now stored. */
  onWritten(covered: Map<string, number>): void {
    for (const [owner, seq] of covered) {
      if (owner !== this.self) this.release(owner, seq);
      if (this.shared) this.publish({ kind: "stored", owner: Buffer.from(owner, "hex"), seq });
    }
  }

  /**
   * Edits held so far, counted: what a socket's frame handled now may
   * depend on (a deletion another instance made first changes nothing
   * here). It is stored once `confirmedHolds()` reaches this count.
   */
  get holds(): number {
    return this.holdCount;
  }

  /** The most held edits, counted in order, all stored: by their instance, or adopted and written by us. */
  confirmedHolds(): number {
    let first = this.holdCount + 1;
    for (const entries of this.held.values()) first = Math.min(first, (entries[0] as THeld).serial);
    for (const entry of this.adopting) first = Math.min(first, entry.serial);
    return first - 1;
  }

  /** Per client, the first clock of held content: what clients must not yet be told is stored. */
  unconfirmed(): Map<number, number> | undefined {
    if (this.held.size === 0) return undefined;
    const first = new Map<number, number>();
    for (const entries of this.held.values()) {
      for (const entry of entries) {
        entry.from ??= Y.parseUpdateMeta(entry.update).from;
        for (const [client, clock] of entry.from) {
          const known = first.get(client);
          if (known === undefined || clock < known) first.set(client, clock);
        }
      }
    }
    return first;
  }

  /**
   * Stores, as ours, held edits older than `olderThanMs` (all with 0): their
   * owner has not said it stored them and may be gone.
   */
  adopt(olderThanMs = this.options.adoptAfterMs): void {
    const cutoff = Date.now() - olderThanMs;
    for (const [owner, entries] of this.held) {
      const due = entries.filter((entry) => entry.at <= cutoff);
      if (due.length === 0) continue;
      const rest = entries.filter((entry) => entry.at > cutoff);
      if (rest.length > 0) this.held.set(owner, rest);
      else this.held.delete(owner);
      const update = due.length === 1 ? (due[0] as THeld).update : Y.mergeUpdates(due.map((e) => e.update));
      const seq = Math.max(...due.map((entry) => entry.seq));
      // Stored once our write of it succeeds (or its owner says so after all): see `release`.
      this.adopting.push({ owner, seq, serial: Math.min(...due.map((entry) => entry.serial)) });
      this.options.logger.info(
        { documentId: this.options.room.documentId, edits: due.length },
        "storing edits another instance did not confirm storing",
      );
      this.options.store.markDirty(update, owner, seq);
      if (this.options.stats) this.options.stats.fanoutAdopted++;
    }
    this.scheduleAdoption();
  }

  /** Stops listening to the other instances. */
  dispose(): void {
    if (this.adoptTimer) clearTimeout(this.adoptTimer);
    this.adoptTimer = undefined;
    this.held.clear();
    this.adopting = [];
    void this.options.leave().catch(() => {});
  }

  private answer(to: Uint8Array, stateVector: Uint8Array, answerBack: boolean): void {
    const { room, store } = this.options;
    const update = Y.encodeStateAsUpdate(room.doc, stateVector);
    // The asker holds our reply only while we have edits of our own unstored.
    const seq = store.pending ? this.lastLocalSeq : 0;
    this.publish({ kind: "syncReply", to, seq, update });
    if (answerBack) {
      this.publish({
        kind: "syncRequest",
        to,
        answerBack: false,
        stateVector: Y.encodeStateVector(room.doc),
      });
    }
    this.publishLocalAwareness();
  }

  /** Carets of our own sockets, for an instance that just arrived or came back. */
  private publishLocalAwareness(): void {
    const clients: number[] = [];
    for (const connection of this.options.room.connections) clients.push(...connection.awarenessClients);
    this.publishAwareness(clients);
  }

  private hold(from: Uint8Array, seq: number, update: Uint8Array): void {
    const owner = Buffer.from(from).toString("hex");
    let entries = this.held.get(owner);
    if (!entries) {
      entries = [];
      this.held.set(owner, entries);
    }
    this.holdCount += 1;
    // The payload may be a view into Redis's frame buffer: keep a copy of our own.
    entries.push({ seq, serial: this.holdCount, update: update.slice(), at: Date.now() });
    if (entries.length > MAX_HELD_ENTRIES) {
      const { at, serial } = entries[0] as THeld;
      const merged = Y.mergeUpdates(entries.map((entry) => entry.update));
      this.held.set(owner, [{ seq: Math.max(...entries.map((e) => e.seq)), serial, update: merged, at }]);
    }
    this.scheduleAdoption();
  }

  private release(owner: string, seq: number): void {
    const adopting = this.adopting.length;
    if (adopting > 0) {
      this.adopting = this.adopting.filter((entry) => entry.owner !== owner || entry.seq > seq);
    }
    const entries = this.held.get(owner);
    const rest = entries?.filter((entry) => entry.seq > seq) ?? [];
    const released = entries !== undefined && rest.length < entries.length;
    if (released) {
      if (rest.length > 0) this.held.set(owner, rest);
      else this.held.delete(owner);
      this.options.store.refreshStored();
    }
    if (released || this.adopting.length < adopting) this.options.room.heldStored();
  }

  private scheduleAdoption(): void {
    if (this.adoptTimer || this.held.size === 0) return;
    // Jittered, so that when an instance dies the survivors rarely adopt the same edits.
    const delay = this.options.adoptAfterMs * (1 + Math.random() / 2);
    this.adoptTimer = setTimeout(() => {
      this.adoptTimer = undefined;
      this.adopt();
    }, delay);
    this.adoptTimer.unref();
  }

  private publish(message: TFanoutMessage): void {
    const { stats, fanout, room } = this.options;
    if (!stats) {
      void fanout.publish(room.documentId, message);
      return;
    }
    const started = performance.now();
    void fanout.publish(room.documentId, message).then((sent) => {
      if (!sent) return;
      stats.fanoutPublished++;
      stats.recordFanout((performance.now() - started) / 1000);
    });
  }
}
