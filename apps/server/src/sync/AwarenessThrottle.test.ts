import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AwarenessThrottle } from "./AwarenessThrottle.js";
import { TokenBucket } from "./TokenBucket.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function throttle(perSecond: number, burst: number) {
  const sent: number[][] = [];
  const bucket = new TokenBucket(perSecond, burst, () => Date.now());
  return { sent, throttle: new AwarenessThrottle(bucket, (clients) => sent.push(clients)) };
}

describe("AwarenessThrottle", () => {
  it("sends at once within the budget", () => {
    const { sent, throttle: t } = throttle(2, 2);
    t.offer([1]);
    t.offer([1]);
    expect(sent).toEqual([[1], [1]]);
  });

  it("coalesces changes over the budget into one send when it refills, with every client id that changed", () => {
    const { sent, throttle: t } = throttle(2, 2);
    t.offer([1]);
    t.offer([1]);
    for (let i = 0; i < 100; i++) t.offer([1]);
    t.offer([2, 3]);
    expect(sent).toHaveLength(2);
    expect(t.waiting).toBe(3);
    vi.advanceTimersByTime(499);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([[1], [1], [1, 2, 3]]);
    vi.advanceTimersByTime(10_000);
    expect(sent).toHaveLength(3);
  });

  it("keeps order: once waiting, a later change waits too even if a token came back", () => {
    const { sent, throttle: t } = throttle(1, 1);
    t.offer([1]);
    t.offer([2]);
    vi.setSystemTime(Date.now() + 2_000);
    t.offer([3]);
    // The waiting send has not fired yet (its timer is pending): [3] joins it.
    expect(sent).toEqual([[1]]);
    vi.runOnlyPendingTimers();
    expect(sent).toEqual([[1], [2, 3]]);
  });

  it("sends nothing after dispose", () => {
    const { sent, throttle: t } = throttle(1, 1);
    t.offer([1]);
    t.offer([2]);
    t.dispose();
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual([[1]]);
  });
});
