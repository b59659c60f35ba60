import type { TPresenceEntry } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { applyPresenceChange, parseChange, parseSnapshot, presenceFromSnapshot } from "./presenceMap";

const workspaceId = "w1";

function entry(connectionId: string, fields: Partial<TPresenceEntry> = {}): TPresenceEntry {
  return {
    userId: "u1",
    connectionId,
    name: "Amina Yusuf",
    color: "#026aa2",
    documentId: null,
    status: "remote",
    timeZone: "Africa/Nairobi",
    lastSeen: 1_000,
    ...fields,
  };
}

describe("the presence map", () => {
  it("starts from a snapshot, replacing what was known", () => {
    const before = presenceFromSnapshot([entry("u1.a")]);
    const map = presenceFromSnapshot([entry("u1.b"), entry("u2.c", { userId: "u2" })]);
    expect([...map.keys()]).toEqual(["u1.b", "u2.c"]);
    expect(before.has("u1.a")).toBe(true);
  });

  it("adds a joined entry and replaces it when updated", () => {
    let map = presenceFromSnapshot([]);
    map = applyPresenceChange(map, { type: "joined", workspaceId, entry: entry("u1.a") });
    map = applyPresenceChange(map, {
      type: "updated",
      workspaceId,
      entry: entry("u1.a", { documentId: "d1", lastSeen: 2_000 }),
    });
    expect(map.size).toBe(1);
    expect(map.get("u1.a")?.documentId).toBe("d1");
  });

  it("does not let a late update put back an older picture", () => {
    const map = presenceFromSnapshot([entry("u1.a", { status: "room", lastSeen: 5_000 })]);
    const next = applyPresenceChange(map, {
      type: "updated",
      workspaceId,
      entry: entry("u1.a", { status: "away", lastSeen: 4_000 }),
    });
    expect(next).toBe(map);
  });

  it("removes a left entry, and a second left for it changes nothing", () => {
    const map = presenceFromSnapshot([entry("u1.a"), entry("u1.b")]);
    const once = applyPresenceChange(map, { type: "left", workspaceId, connectionId: "u1.a" });
    const twice = applyPresenceChange(once, { type: "left", workspaceId, connectionId: "u1.a" });
    expect([...once.keys()]).toEqual(["u1.b"]);
    expect(twice).toBe(once);
    expect(map.size).toBe(2);
  });
});

describe("reading the stream", () => {
  it("keeps the well-formed entries of a snapshot", () => {
    const data = JSON.stringify([entry("u1.a"), { connectionId: "broken" }]);
    expect(parseSnapshot(data)?.map((e) => e.connectionId)).toEqual(["u1.a"]);
    expect(parseSnapshot("not json")).toBeNull();
    expect(parseSnapshot("{}")).toBeNull();
  });

  it("reads joined, updated and left changes, and refuses anything else", () => {
    const joined = { type: "joined", workspaceId, entry: entry("u1.a") };
    expect(parseChange(JSON.stringify(joined))).toEqual(joined);
    const left = { type: "left", workspaceId, connectionId: "u1.a" };
    expect(parseChange(JSON.stringify(left))).toEqual(left);
    expect(parseChange(JSON.stringify({ type: "updated", workspaceId, entry: { userId: "u1" } }))).toBeNull();
    expect(parseChange(JSON.stringify({ type: "renamed", workspaceId }))).toBeNull();
    expect(parseChange("")).toBeNull();
  });
});
