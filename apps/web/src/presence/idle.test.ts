import { describe, expect, it } from "vitest";
import { effectiveStatus, IdleTracker } from "./idle";

const MINUTE = 60_000;

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("IdleTracker", () => {
  it("turns idle after five minutes without input, and back on the next input", () => {
    const time = clock();
    const idle = new IdleTracker(time.now);
    time.advance(5 * MINUTE - 1);
    expect(idle.isIdle()).toBe(false);
    expect(idle.untilIdle()).toBe(1);
    time.advance(1);
    expect(idle.isIdle()).toBe(true);
    idle.input();
    expect(idle.isIdle()).toBe(false);
    expect(idle.untilIdle()).toBe(5 * MINUTE);
  });

  it("keeps input from the last five minutes in mind", () => {
    const time = clock();
    const idle = new IdleTracker(time.now);
    time.advance(4 * MINUTE);
    idle.input();
    time.advance(4 * MINUTE);
    expect(idle.isIdle()).toBe(false);
  });

  it("turns idle after the tab has been hidden five minutes, even with recent input", () => {
    const time = clock();
    const idle = new IdleTracker(time.now);
    time.advance(2 * MINUTE);
    idle.setHidden(true);
    time.advance(3 * MINUTE);
    idle.input();
    idle.setHidden(true); // a second "hidden" does not restart the count
    time.advance(2 * MINUTE - 1);
    expect(idle.isIdle()).toBe(false);
    time.advance(1);
    expect(idle.isIdle()).toBe(true);
  });

  it("does not count showing the tab as input", () => {
    const time = clock();
    const idle = new IdleTracker(time.now);
    idle.setHidden(true);
    time.advance(6 * MINUTE);
    idle.setHidden(false);
    expect(idle.isIdle()).toBe(true);
    idle.input();
    expect(idle.isIdle()).toBe(false);
  });

  it("stops counting hidden time once the tab is shown", () => {
    const time = clock();
    const idle = new IdleTracker(time.now);
    idle.setHidden(true);
    time.advance(4 * MINUTE);
    idle.setHidden(false);
    idle.input();
    time.advance(4 * MINUTE);
    expect(idle.isIdle()).toBe(false);
  });

  it("takes its idle time from the caller", () => {
    const time = clock();
    const idle = new IdleTracker(time.now, 1_000);
    time.advance(1_000);
    expect(idle.isIdle()).toBe(true);
  });
});

describe("effectiveStatus", () => {
  it("is away while idle, else the chosen status", () => {
    expect(effectiveStatus("room", true)).toBe("away");
    expect(effectiveStatus("room", false)).toBe("room");
    expect(effectiveStatus("away", false)).toBe("away");
  });
});
