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

/** Something holding writes until the end of the turn (a `Connection`). */
export interface TTurnBatched {
  /** Sends what was held: uncorks the transport. */
  endTurn(): void;
}

const held: TTurnBatched[] = [];
let scheduled = false;

/** Calls `batched.endTurn()` after this turn's I/O; once per turn per socket (the caller tracks that). */
export function endOfTurn(batched: TTurnBatched): void {
  held.push(batched);
  if (scheduled) return;
  scheduled = true;
  setImmediate(endTurns);
}

function endTurns(): void {
  scheduled = false;
  // Taken out first: a send during an uncork (a write callback) belongs to the next turn.
  const batch = held.splice(0, held.length);
  for (const batched of batch) batched.endTurn();
}
