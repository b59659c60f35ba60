import { describe, expect, it } from "vitest";
import { FrameBudget, TokenBucket } from "./TokenBucket.js";

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("TokenBucket", () => {
  it("gives exactly `burst` tokens at once, then refuses the next", () => {
    const time = clock();
    const bucket = new TokenBucket(10, 50, time.now);
    for (let i = 0; i < 50; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it("refills at `perSecond` and never above `burst`", () => {
    const time = clock();
    const bucket = new TokenBucket(10, 50, time.now);
    for (let i = 0; i < 50; i++) bucket.take();
    time.advance(99);
    expect(bucket.take()).toBe(false);
    expect(bucket.msUntil()).toBe(1);
    time.advance(1);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    time.advance(60_000);
    expect(bucket.full).toBe(true);
    for (let i = 0; i < 50; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it("takes several tokens at once or none", () => {
    const time = clock();
    const bucket = new TokenBucket(1_000, 1_500, time.now);
    expect(bucket.take(1_000)).toBe(true);
    expect(bucket.take(501)).toBe(false);
    expect(bucket.take(500)).toBe(true);
    expect(bucket.msUntil(1_000)).toBe(1_000);
  });
});

describe("FrameBudget", () => {
  const rates = {
    framesPerSecond: 10,
    frameBurst: 3,
    bytesPerSecond: 100,
    byteBurst: 250,
    answerBytesPerSecond: 1_000,
    answerBurst: 2_000,
  };

  it("takes a frame while both a frame and its bytes are there, and nothing when either is not", () => {
    const time = clock();
    const budget = new FrameBudget(rates, time.now);
    expect(budget.take(100)).toBe(true);
    expect(budget.take(100)).toBe(true);
    // 50 bytes left: a 51-byte frame takes nothing, a 50-byte one fits.
    expect(budget.take(51)).toBe(false);
    expect(budget.take(50)).toBe(true);
    // No frame left, though bytes are.
    time.advance(10);
    expect(budget.take(0)).toBe(false);
    // A tenth of a second more: one frame and 10 bytes back (11 in all since the last take).
    time.advance(100);
    expect(budget.take(12)).toBe(false);
    expect(budget.take(11)).toBe(true);
    expect(budget.take(0)).toBe(false);
  });

  it("refills both to their bursts, no further", () => {
    const time = clock();
    const budget = new FrameBudget(rates, time.now);
    for (let i = 0; i < 3; i++) expect(budget.take(0)).toBe(true);
    time.advance(60_000);
    expect(budget.take(250)).toBe(true);
    expect(budget.take(1)).toBe(false);
    for (let i = 0; i < 2; i++) expect(budget.take(0)).toBe(true);
    expect(budget.take(0)).toBe(false);
  });

  it("keeps answers apart: a socket that may send nothing more may still be answered, to its own limit", () => {
    const time = clock();
    const budget = new FrameBudget(rates, time.now);
    for (let i = 0; i < 3; i++) expect(budget.take(0)).toBe(true);
    expect(budget.take(0)).toBe(false);
    expect(budget.takeAnswer(2_000)).toBe(true);
    expect(budget.takeAnswer(1)).toBe(false);
    time.advance(500);
    expect(budget.takeAnswer(501)).toBe(false);
    expect(budget.takeAnswer(500)).toBe(true);
  });
});
