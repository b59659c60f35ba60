import { describe, expect, it } from "vitest";
import { AddressLimits } from "./AddressLimits.js";

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const options = { connectionsPerAddress: 3, connectionAttemptsPerMinute: 6, addressMessagesPerSecond: 5 };

describe("AddressLimits", () => {
  it("opens exactly `connectionsPerAddress` sockets per address, and one more once one closes", () => {
    const limits = new AddressLimits(options, clock().now);
    for (let i = 0; i < 3; i++) expect(limits.open("10.0.0.1")).toBeUndefined();
    expect(limits.open("10.0.0.1")).toMatch(/too many connections/);
    // Another address is not affected.
    expect(limits.open("10.0.0.2")).toBeUndefined();
    limits.close("10.0.0.1");
    expect(limits.open("10.0.0.1")).toBeUndefined();
    expect(limits.openFrom("10.0.0.1")).toBe(3);
  });

  it("allows `connectionAttemptsPerMinute` attempts at once, refused ones included, then one per 60/n seconds", () => {
    const time = clock();
    const limits = new AddressLimits({ ...options, connectionsPerAddress: 100 }, time.now);
    for (let i = 0; i < 6; i++) {
      expect(limits.open("10.0.0.1")).toBeUndefined();
      limits.close("10.0.0.1");
    }
    expect(limits.open("10.0.0.1")).toMatch(/too many connection attempts/);
    time.advance(9_999);
    expect(limits.open("10.0.0.1")).toMatch(/too many connection attempts/);
    time.advance(1);
    expect(limits.open("10.0.0.1")).toBeUndefined();
  });

  it("shares ten seconds' worth of frames among an address's sockets", () => {
    const time = clock();
    const limits = new AddressLimits(options, time.now);
    for (let i = 0; i < 50; i++) expect(limits.takeMessage("10.0.0.1")).toBe(true);
    expect(limits.takeMessage("10.0.0.1")).toBe(false);
    expect(limits.takeMessage("10.0.0.2")).toBe(true);
    time.advance(200);
    expect(limits.takeMessage("10.0.0.1")).toBe(true);
    expect(limits.takeMessage("10.0.0.1")).toBe(false);
  });

  it("forgets idle addresses once their budgets are full again, not before", () => {
    const time = clock();
    const limits = new AddressLimits(options, time.now);
    limits.open("10.0.0.1");
    limits.open("10.0.0.2");
    limits.close("10.0.0.2");
    limits.prune();
    expect(limits.size).toBe(2);
    time.advance(60_000);
    limits.prune();
    expect(limits.size).toBe(1);
    expect(limits.openFrom("10.0.0.1")).toBe(1);
  });
});
