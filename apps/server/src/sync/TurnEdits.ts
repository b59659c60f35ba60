/**
 * The edits a room applied in one turn of the event loop, sent to its
 * sockets together when the turn's I/O has been handled: one merged update
 * per socket instead of one frame per edit. In a crowded document a turn
 * reads several writers' edits; each reader then gets one frame, and so
 * does each writer: of the others' edits when the turn had at most
 * {@link MAX_SEPARATE_WRITERS} writers, else the readers' frame, its own
 * edits included (a client skips what it has). Hocuspocus 4 merges a
 * turn's updates the same way.
 */
import * as Y from "yjs";
import type { Connection } from "./Connection.js";
import { encodeUpdate } from "./messages.js";
import { endOfTurn, type TTurnBatched } from "./SendBatch.js";

/** A turn holds at most this many edits, or bytes of them, before they are sent: a merge stays small. */
export const MAX_TURN_EDITS = 64;
export const MAX_TURN_BYTES = 256 * 1024;
/**
 * Up to this many writers in a turn, each is sent a merge of the others'
 * edits, sparing a typist on a metered link its own keystrokes. Past it,
 * a merge per writer costs the square of the turn (30 writers: 5.4 ms of
 * merging against 0.14 ms for one), and a writer's own edits are a small
 * part of the frame.
 */
export const MAX_SEPARATE_WRITERS = 3;

export class TurnEdits implements TTurnBatched {
  private updates: Uint8Array[] = [];
  /** The socket each edit came from; undefined for one from another instance or the server. */
  private origins: (Connection | undefined)[] = [];
  private bytes = 0;

  /**
   * `connections`: the room's sockets; only those answered their sync step 1
   * are sent edits (see DocumentRoom's `broadcastEdit` note).
   */
  constructor(private readonly connections: ReadonlySet<Connection>) {}

  /** Holds `update` (from `origin`, which is not sent it) until the turn ends. */
  add(update: Uint8Array, origin: Connection | undefined): void {
    if (this.updates.length === 0) endOfTurn(this);
    this.updates.push(update);
    this.origins.push(origin);
    this.bytes += update.byteLength;
    if (this.updates.length >= MAX_TURN_EDITS || this.bytes >= MAX_TURN_BYTES) this.send();
  }

  endTurn(): void {
    this.send();
  }

  /**
   * Sends what is held now. The room calls this before it sends anything
   * else, so its sockets get frames in the order the room made them.
   */
  send(): void {
    const { updates, origins } = this;
    if (updates.length === 0) return;
    this.updates = [];
    this.origins = [];
    this.bytes = 0;
    if (updates.length === 1) {
      this.sendToAllBut(encodeUpdate(updates[0] as Uint8Array), origins[0]);
      return;
    }
    let merged: Uint8Array;
    try {
      merged = encodeUpdate(Y.mergeUpdates(updates));
    } catch {
      // Each applied, so each merges; were one not to, they go one by one as before.
      for (let i = 0; i < updates.length; i++)
        this.sendToAllBut(encodeUpdate(updates[i] as Uint8Array), origins[i]);
      return;
    }
    const writers = new Set(origins);
    writers.delete(undefined);
    for (const connection of this.connections) {
      if (!connection.answered) continue;
      if (writers.size > MAX_SEPARATE_WRITERS || !writers.has(connection)) {
        connection.send(merged);
        continue;
      }
      const others = updates.filter((_, i) => origins[i] !== connection);
      if (others.length === 0) continue;
      connection.send(encodeUpdate(others.length === 1 ? (others[0] as Uint8Array) : Y.mergeUpdates(others)));
    }
  }

  private sendToAllBut(frame: Uint8Array, except: Connection | undefined): void {
    for (const connection of this.connections) {
      if (connection !== except && connection.answered) connection.send(frame);
    }
  }
}
