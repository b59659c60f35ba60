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
/** Told of a batch that failed to end (a bug); see {@link onTurnFailure}. */
let report: (error: unknown) => void = (error) => console.error("a turn's held frames failed to send", error);

/**
 * Where a failure to end a batch is reported (the sync server's log). It is
 * reported, never thrown: thrown from `setImmediate` it would stop the
 * whole process, every document and socket with it.
 */
export function onTurnFailure(reporter: (error: unknown) => void): void {
  report = reporter;
}

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
  for (let i = 0; i < held.length; i++) {
    try {
      (held[i] as TTurnBatched).endTurn();
    } catch (error) {
      report(error);
    }
  }
  held.length = 0;
  scheduled = false;
}
