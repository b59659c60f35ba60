/**
 * One socket's update frames (sync step 2 and update messages), for the
 * `stored` acknowledgement: how many the room has handled, and how many of
 * those it may tell the client are stored. A state vector cannot say that a
 * deletion is stored (a deletion adds no struct and advances no clock); a
 * count of frames can, since the client counts the same frames it sends.
 *
 * A frame is stored once the room's store has written everything it had
 * marked dirty when the frame was handled (`mark`, see RoomStore) and the
 * other instances have confirmed storing what the room held for them then
 * (`held`, see RoomFanout): a deletion that another instance's edit had
 * already made changes nothing here, and is stored only when that edit is.
 *
 * Kept in a few numbers rather than a list per frame: the latest frame, and
 * one earlier frame that the write under way covers, so that a socket that
 * types without a pause is still acknowledged write by write.
 */
export class FrameAcks {
  /** Update frames handled: applied, partly applied, or refused (the client cannot tell these apart). */
  handled = 0;
  /** The count last sent to the client. */
  told = 0;
  /** Whether the socket has been sent a `stored` message yet. */
  greeted = false;
  private lastMark = 0;
  private lastHeld = 0;
  /** An earlier count still to be told, and what it waits for. */
  private earlier = 0;
  private earlierMark = 0;
  private earlierHeld = 0;

  /**
   * Counts a handled frame. `mark` and `held`: where the store and the held
   * edits stood just after it; `prepared`: the store's mark of the last
   * write begun, which covers the frame before this one if it was handled
   * before that write began.
   */
  handle(mark: number, held: number, prepared: number): void {
    if (this.handled > this.told && this.earlier <= this.told && this.lastMark <= prepared) {
      this.earlier = this.handled;
      this.earlierMark = this.lastMark;
      this.earlierHeld = this.lastHeld;
    }
    this.handled += 1;
    this.lastMark = mark;
    this.lastHeld = held;
  }

  /**
   * The most frames known stored once the store has stored up to
   * `storedMark` and the held edits up to `confirmedHeld` are confirmed; at
   * least what was told before.
   */
  stored(storedMark: number, confirmedHeld: number): number {
    if (this.lastMark <= storedMark && this.lastHeld <= confirmedHeld) return this.handled;
    if (this.earlier > this.told && this.earlierMark <= storedMark && this.earlierHeld <= confirmedHeld) {
      return this.earlier;
    }
    return this.told;
  }
}
