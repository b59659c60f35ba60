import { describe, expect, it } from "vitest";
import { FrameAcks } from "./FrameAcks.js";

/** Tells what `stored` allows, as the room does. */
function tell(acks: FrameAcks, storedMark: number, confirmedHeld = 0): number {
  acks.told = acks.stored(storedMark, confirmedHeld);
  return acks.told;
}

describe("FrameAcks", () => {
  it("acknowledges a frame once the store has written what it had marked when the frame came", () => {
    const acks = new FrameAcks();
    // Frame 1 made the store's mark 1; the write prepared at mark 1 succeeds.
    acks.handle(1, 0, 0);
    expect(tell(acks, 0)).toBe(0);
    expect(tell(acks, 1)).toBe(1);
    // Frame 2 changed nothing (a deletion someone had already made): mark still 1, stored.
    acks.handle(1, 0, 1);
    expect(tell(acks, 1)).toBe(2);
  });

  it("acknowledges a socket that never pauses write by write, not only when it stops", () => {
    const acks = new FrameAcks();
    acks.handle(1, 0, 0);
    acks.handle(2, 0, 0);
    // A write begins at mark 2 (both frames); frames 3 and 4 come while it runs.
    acks.handle(3, 0, 2);
    acks.handle(4, 0, 2);
    expect(tell(acks, 2)).toBe(2);
    // The next write begins at mark 4; frame 5 comes while it runs.
    acks.handle(5, 0, 4);
    expect(tell(acks, 4)).toBe(4);
    expect(tell(acks, 5)).toBe(5);
  });

  it("holds a frame back until the edits another instance held when it came are confirmed", () => {
    const acks = new FrameAcks();
    // Two held edits when frame 1 came; nothing of ours to write.
    acks.handle(0, 2, 0);
    expect(tell(acks, 0, 1)).toBe(0);
    expect(tell(acks, 0, 2)).toBe(1);
  });

  it("keeps the earlier count that waits while later frames come, so acknowledgements cannot starve", () => {
    const acks = new FrameAcks();
    acks.handle(1, 1, 0);
    // Frames 2 and 3 come after a write began at mark 1, each with more held edits.
    acks.handle(2, 2, 1);
    acks.handle(3, 3, 1);
    // Our write stored mark 3, but the other instance confirmed only its first held edit.
    expect(tell(acks, 3, 1)).toBe(1);
    expect(tell(acks, 3, 3)).toBe(3);
  });
});
