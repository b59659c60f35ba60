import { describe, expect, it } from "vitest";
import {
  accessChangesChannel,
  boardChannel,
  commentsChannel,
  presenceChannel,
  presenceEntriesKey,
  presenceSeenKey,
} from "./redisKeys.js";

describe("redisKeys", () => {
  it("puts every key and channel under caucus: and keeps them distinct", () => {
    const workspace = "0b7c6f2e-1d4a-4f5e-9a8b-3c2d1e0f9a8b";
    const names = [
      accessChangesChannel(),
      presenceEntriesKey(workspace),
      presenceSeenKey(workspace),
      presenceChannel(workspace),
      boardChannel(workspace),
      commentsChannel(workspace),
    ];
    for (const name of names) expect(name.startsWith("caucus:")).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(presenceSeenKey("a")).not.toBe(presenceSeenKey("b"));
  });
});
