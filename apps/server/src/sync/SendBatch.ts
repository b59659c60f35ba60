/**
 * Frames sent to a socket in one turn of the event loop leave together: the
 * first send in a turn corks the socket's transport, and every corked one is
 * uncorked once the turn's I/O has been handled (`setImmediate` runs after
 * the poll phase). In a crowded document each edit goes to every socket;
 * sent one at a time, each frame was its own `writev` system call, about
 * half of the server's CPU with 100 sockets on one document (see
 * docs/PERFORMANCE.md, the crowded document). Corked, a socket gets all of a
 * turn's frames in one call. The frames, their bytes and order are unchanged.
 */

/** Something holding writes until the end of the turn: a `Connection`'s transport, a room's edits. */
export interface TTurnBatched {
  /** Sends what was held. */
  endTurn(): void;
}

const held: TTurnBatched[] = [];
let scheduled = false;

/** Calls `batched.endTurn()` after this turn's I/O; the caller registers once per turn. */
export function endOfTurn(batched: TTurnBatched): void {
  held.push(batched);
  if (scheduled) return;
  scheduled = true;
  setImmediate(endTurns);
}

function endTurns(): void {
  // What ending one adds (a room's held edits cork their sockets) ends in
  // this same pass, after it: a room's edits are sent before its sockets
  // are uncorked. One that throws (a bug) leaves no other socket corked.
  let failure: unknown;
  for (let i = 0; i < held.length; i++) {
    try {
      (held[i] as TTurnBatched).endTurn();
    } catch (error) {
      failure ??= error;
    }
  }
  held.length = 0;
  scheduled = false;
  if (failure !== undefined) throw failure;
}
