/**
 * What a room tells the sockets that asked (`?caps=stored`) about what is
 * stored: the stored state vector, and how many of each socket's update
 * frames are stored (see FrameAcks, and the `stored` message in
 * docs/PROTOCOL.md). Built and owned by its `DocumentRoom`.
 */
import type { Connection } from "./Connection.js";
import { encodeStored } from "./messages.js";
import type { RoomFanout } from "./RoomFanout.js";
import type { RoomStore } from "./RoomStore.js";

export interface RoomAcksOptions {
  /** The room's sockets. */
  connections: ReadonlySet<Connection>;
  /** The room's store: what it has stored, and how far. */
  store: Pick<RoomStore, "stateVector" | "mark" | "preparedMark" | "storedMark">;
  /** The room's side of the fan-out: the edits it holds for other instances to store. */
  peers: Pick<RoomFanout, "holds" | "confirmedHolds">;
  /** Sends the edits the room holds for the end of the turn: nothing it sends may overtake them. */
  flushEdits(): void;
}

export class RoomAcks {
  /** The stored state vector last announced. */
  private announcedVector: Uint8Array;

  constructor(private readonly options: RoomAcksOptions) {
    this.announcedVector = options.store.stateVector;
  }

  /**
   * What is stored moved (a write succeeded, the vector moved, or another
   * instance confirmed edits we held): tells every socket that asked when
   * the vector moved, else those with more of their frames stored than
   * they were told, or told nothing yet. Sockets told the same count share
   * one encoded frame.
   */
  announce(): void {
    const { connections, store, peers } = this.options;
    const vector = store.stateVector;
    const moved = vector !== this.announcedVector;
    this.announcedVector = vector;
    let confirmed: number | undefined;
    let frames: Map<number, Uint8Array> | undefined;
    for (const connection of connections) {
      const acks = connection.frameAcks;
      if (!acks) continue;
      confirmed ??= peers.confirmedHolds();
      const count = acks.stored(store.storedMark, confirmed);
      if (!moved && acks.greeted && count === acks.told) continue;
      acks.told = count;
      acks.greeted = true;
      if (!frames) {
        this.options.flushEdits();
        frames = new Map();
      }
      let frame = frames.get(count);
      if (!frame) {
        frame = encodeStored(vector, count);
        frames.set(count, frame);
      }
      connection.send(frame);
    }
  }

  /**
   * Counts a frame of a socket's edits as handled (applied, partly, or
   * refused). When storage already holds everything of ours, the frame
   * changed nothing to store, and it is acknowledged at once; a socket's
   * first acknowledgement is its greeting (see `DocumentRoom.join`).
   */
  frameHandled(connection: Connection): void {
    const acks = connection.frameAcks;
    if (!acks) return;
    const { store, peers } = this.options;
    acks.handle(store.mark, peers.holds, store.preparedMark);
    if (store.storedMark < store.mark) return;
    const count = acks.stored(store.storedMark, peers.confirmedHolds());
    if (acks.greeted && count === acks.told) return;
    acks.told = count;
    acks.greeted = true;
    this.options.flushEdits();
    connection.send(encodeStored(store.stateVector, count));
  }
}
