import { describe, expect, it } from "vitest";
import { elapsedMs, paragraphPacing, STOPPED_TIMER, toggleTimer } from "./rehearsalTimer";

describe("the rehearsal timer", () => {
  it("counts while running, holds while paused, and adds up runs", () => {
    let timer = toggleTimer(STOPPED_TIMER, 1_000);
    expect(elapsedMs(timer, 4_500)).toBe(3_500);
    timer = toggleTimer(timer, 5_000);
    expect(elapsedMs(timer, 60_000)).toBe(4_000);
    timer = toggleTimer(timer, 70_000);
    expect(elapsedMs(timer, 71_000)).toBe(5_000);
    expect(elapsedMs(STOPPED_TIMER, 99_000)).toBe(0);
  });

  it("never counts backwards if the clock reads earlier than the start", () => {
    expect(elapsedMs({ runningSince: 10_000, bankedMs: 2_000 }, 9_000)).toBe(2_000);
  });
});

describe("pacing on the current paragraph", () => {
  const seconds = [10, 20, 30];

  it("gives the paragraph's window and whether the speaker is in it", () => {
    expect(paragraphPacing(seconds, 1, 15)).toEqual({
      startsAt: 10,
      endsAt: 30,
      pace: "onPace",
      bySeconds: 0,
    });
    expect(paragraphPacing(seconds, 2, 20)).toEqual({
      startsAt: 30,
      endsAt: 60,
      pace: "ahead",
      bySeconds: 10,
    });
    expect(paragraphPacing(seconds, 0, 14)).toEqual({
      startsAt: 0,
      endsAt: 10,
      pace: "behind",
      bySeconds: 4,
    });
  });

  it("has nothing to say off the end of the text or with no text", () => {
    expect(paragraphPacing(seconds, 3, 0)).toBeNull();
    expect(paragraphPacing([], 0, 0)).toBeNull();
    expect(paragraphPacing(seconds, -1, 0)).toBeNull();
  });
});
