import type { TCommentThread } from "@caucus/shared";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { keepThreads, MAX_KEPT_CHARS, readKeptThreads } from "./keptThreads";

function thread(id: string, body: string): TCommentThread {
  return { id, status: "open", anchor: {}, comments: [{ id: `${id}.1`, body }] } as unknown as TCommentThread;
}

describe("comment threads kept on this device", () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    vi.stubGlobal("localStorage", {
      getItem: (name: string) => store.get(name) ?? null,
      setItem: (name: string, value: string) => void store.set(name, value),
      removeItem: (name: string) => void store.delete(name),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("gives back what was kept, per document", () => {
    keepThreads("doc-a", [thread("t1", "Should this say 'call on'?")]);
    keepThreads("doc-b", []);
    expect(readKeptThreads("doc-a")?.map((t) => t.id)).toEqual(["t1"]);
    expect(readKeptThreads("doc-b")).toEqual([]);
    expect(readKeptThreads("doc-c")).toBeNull();
  });

  it("keeps nothing, and forgets the older copy, past the size limit", () => {
    keepThreads("doc-a", [thread("t1", "short")]);
    keepThreads("doc-a", [thread("t1", "x".repeat(MAX_KEPT_CHARS))]);
    expect(readKeptThreads("doc-a")).toBeNull();
  });

  it("reads a damaged copy as none, and survives a storage that refuses", () => {
    localStorage.setItem("caucus:comments:doc-a", "{not json");
    expect(readKeptThreads("doc-a")).toBeNull();
    // An older or hand-changed shape is no copy either: the panel could not render it.
    localStorage.setItem("caucus:comments:doc-a", JSON.stringify([{ id: "t1", status: "open" }]));
    expect(readKeptThreads("doc-a")).toBeNull();
    vi.stubGlobal("localStorage", {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    });
    expect(() => keepThreads("doc-a", [thread("t1", "b")])).not.toThrow();
  });
});
