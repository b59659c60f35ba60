import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AutoVersions } from "./AutoVersions.js";

const QUIET_MS = 10 * 60 * 1000;

describe("AutoVersions", () => {
  let taken: string[];
  let auto: AutoVersions;
  beforeEach(() => {
    vi.useFakeTimers();
    taken = [];
    auto = new AutoVersions({
      quietMs: QUIET_MS,
      take: async (documentId) => taken.push(documentId),
      logger: pino({ level: "silent" }),
    });
  });
  afterEach(() => {
    auto.close();
    vi.useRealTimers();
  });

  it("takes one version once a document has been quiet for the whole period after its last edit", async () => {
    auto.edited("a");
    await vi.advanceTimersByTimeAsync(QUIET_MS - 1000);
    auto.edited("a"); // still typing: the quiet period starts again
    await vi.advanceTimersByTimeAsync(QUIET_MS - 1000);
    expect(taken).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(taken).toEqual(["a"]);
    expect(auto.pending).toBe(0);
    await vi.advanceTimersByTimeAsync(QUIET_MS * 3);
    expect(taken).toEqual(["a"]);
  });

  it("keeps one timer per document, however many edits arrive", async () => {
    for (let i = 0; i < 1000; i++) auto.edited(i % 2 === 0 ? "a" : "b");
    expect(auto.pending).toBe(2);
    expect(vi.getTimerCount()).toBe(2);
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(taken.sort()).toEqual(["a", "b"]);
  });

  it("survives a failing take and forgets everything on close", async () => {
    const failing = new AutoVersions({
      quietMs: QUIET_MS,
      take: async () => {
        throw new Error("database away");
      },
      logger: pino({ level: "silent" }),
    });
    failing.edited("a");
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(failing.pending).toBe(0);
    failing.edited("b");
    failing.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
