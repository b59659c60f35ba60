import { describe, expect, it } from "vitest";
import { TokenBucket } from "./TokenBucket.js";

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
