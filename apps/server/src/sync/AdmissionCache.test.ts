import { describe, expect, it } from "vitest";
import { LocalAccessChanges, type TRightsChange } from "../auth/AccessChanges.js";
import { AdmissionCache } from "./AdmissionCache.js";

const TTL_MS = 60_000;

function cacheAt(options: { maxEntries?: number } = {}) {
  const local = new LocalAccessChanges();
  // As Redis's bus: `listening` false while Redis is away.
  const bus = {
    listening: true,
    publish: (change: TRightsChange) => local.publish(change),
    subscribe: (listener: (change: TRightsChange) => void) => local.subscribe(listener),
  };
  const clock = { now: 1_000_000 };
  const cache = new AdmissionCache({
    accessChanges: bus,
    ttlMs: TTL_MS,
    maxEntries: options.maxEntries ?? 100,
    now: () => clock.now,
  });
  const publish = (change: TRightsChange) => bus.publish(change);
  const who = (userId: string, sessionId: string) => ({ userId, sessionId, name: userId });
  const editor = { workspaceId: "w1", role: "editor" as const, isMember: true };
  return { bus, clock, cache, publish, who, editor };
}

describe("the admission cache", () => {
  it("keeps an identity until its session expires, never past it, and at most the TTL", () => {
    const { cache, clock, who } = cacheAt();
    cache.rememberIdentity("cookie\na", who("ann", "s1"), clock.now + 5_000, cache.stamp());
    cache.rememberIdentity("cookie\nb", who("bo", "s2"), clock.now + 10 * TTL_MS, cache.stamp());
    clock.now += 4_999;
    expect(cache.identity("cookie\na")?.userId).toBe("ann");
    clock.now += 1;
    expect(cache.identity("cookie\na")).toBeUndefined();
    expect(cache.identity("cookie\nb")?.userId).toBe("bo");
    clock.now += TTL_MS;
    expect(cache.identity("cookie\nb")).toBeUndefined();
  });

  it("keeps a role for the TTL at most", () => {
    const { cache, clock, editor } = cacheAt();
    cache.rememberAccess("ann", "d1", editor, cache.stamp());
    clock.now += TTL_MS - 1;
    expect(cache.access("ann", "d1")).toEqual(editor);
    clock.now += 1;
    expect(cache.access("ann", "d1")).toBeUndefined();
  });

  it("drops one session's identity when it signs out or is renewed, and every session's when none is named", async () => {
    const { cache, clock, who, publish } = cacheAt();
    const until = clock.now + TTL_MS;
    for (const [key, userId, sessionId] of [
      ["laptop", "ann", "s1"],
      ["phone", "ann", "s2"],
      ["tablet", "ann", "s3"],
      ["other", "bo", "s4"],
    ] as const) {
      cache.rememberIdentity(key, who(userId, sessionId), until, cache.stamp());
    }
    await publish({ userId: "ann", sessionId: "s1", reason: "signed_out" });
    expect(cache.identity("laptop")).toBeUndefined();
    expect(cache.identity("phone")?.sessionId).toBe("s2");
    await publish({ userId: "ann", sessionId: "s2", renewedAs: "s5", reason: "session_renewed" });
    expect(cache.identity("phone")).toBeUndefined();
    expect(cache.identity("tablet")?.sessionId).toBe("s3");
    await publish({ userId: "ann", reason: "signed_out" });
    expect(cache.identity("tablet")).toBeUndefined();
    expect(cache.identity("other")?.userId).toBe("bo");
  });

  it("drops all of a person's roles on any change of their rights, whatever its scope, and nobody else's", async () => {
    const { cache, editor, publish, who, clock } = cacheAt();
    const changes: TRightsChange[] = [
      { userId: "ann", workspaceId: "w2", reason: "role_changed" },
      { userId: "ann", workspaceId: "w1", reason: "removed" },
      { userId: "ann", documentId: "d9", reason: "grant_changed" },
    ];
    for (const change of changes) {
      cache.rememberIdentity("laptop", who("ann", "s1"), clock.now + TTL_MS, cache.stamp());
      cache.rememberAccess("ann", "d1", editor, cache.stamp());
      cache.rememberAccess("ann", "d2", { ...editor, workspaceId: "w2" }, cache.stamp());
      cache.rememberAccess("bo", "d1", editor, cache.stamp());
      await publish(change);
      expect(cache.access("ann", "d1"), change.reason).toBeUndefined();
      expect(cache.access("ann", "d2"), change.reason).toBeUndefined();
      expect(cache.access("bo", "d1"), change.reason).toEqual(editor);
      // Sessions are untouched by rights: the person is still who they are.
      expect(cache.identity("laptop")?.userId, change.reason).toBe("ann");
    }
  });

  it("drops every role on a deleted document, and only on it", async () => {
    const { cache, editor, publish } = cacheAt();
    cache.rememberAccess("ann", "d1", editor, cache.stamp());
    cache.rememberAccess("bo", "d1", editor, cache.stamp());
    cache.rememberAccess("ann", "d2", editor, cache.stamp());
    await publish({ documentId: "d1", reason: "document_deleted" });
    expect(cache.access("ann", "d1")).toBeUndefined();
    expect(cache.access("bo", "d1")).toBeUndefined();
    expect(cache.access("ann", "d2")).toEqual(editor);
  });

  it("does not keep what was read before a change it heard touching that person or document", async () => {
    const { cache, editor, publish, who, clock } = cacheAt();
    const before = cache.stamp();
    await publish({ userId: "ann", workspaceId: "w1", reason: "role_changed" });
    await publish({ documentId: "d2", reason: "document_deleted" });
    expect(cache.changedSince(before, "ann")).toBe(true);
    expect(cache.changedSince(before, "bo", "d1")).toBe(false);
    expect(cache.changedSince(before, "bo", "d2")).toBe(true);
    cache.rememberAccess("ann", "d1", editor, before);
    cache.rememberIdentity("laptop", who("ann", "s1"), clock.now + TTL_MS, before);
    cache.rememberAccess("bo", "d2", editor, before);
    cache.rememberAccess("bo", "d1", editor, before);
    expect(cache.access("ann", "d1")).toBeUndefined();
    expect(cache.identity("laptop")).toBeUndefined();
    expect(cache.access("bo", "d2")).toBeUndefined();
    expect(cache.access("bo", "d1")).toEqual(editor);
  });

  it("holds at most maxEntries of each kind, forgetting the least recently used", () => {
    const { cache, editor } = cacheAt({ maxEntries: 3 });
    for (const documentId of ["d1", "d2", "d3"])
      cache.rememberAccess("ann", documentId, editor, cache.stamp());
    expect(cache.access("ann", "d1")).toEqual(editor);
    cache.rememberAccess("ann", "d4", editor, cache.stamp());
    expect(cache.access("ann", "d2")).toBeUndefined();
    for (const documentId of ["d1", "d3", "d4"]) expect(cache.access("ann", documentId)).toEqual(editor);
    expect(cache.size).toBe(3);
  });

  it("serves and keeps nothing while changes elsewhere cannot be heard, and forgets everything once they can", () => {
    const { cache, bus, editor } = cacheAt();
    cache.rememberAccess("ann", "d1", editor, cache.stamp());
    bus.listening = false;
    expect(cache.access("ann", "d1")).toBeUndefined();
    cache.rememberAccess("bo", "d1", editor, cache.stamp());
    bus.listening = true;
    expect(cache.access("ann", "d1")).toBeUndefined();
    expect(cache.access("bo", "d1")).toBeUndefined();
    cache.rememberAccess("ann", "d1", editor, cache.stamp());
    expect(cache.access("ann", "d1")).toEqual(editor);
  });

  it("forgets everything on a flush, and a check begun before it is overtaken", () => {
    const { cache, editor } = cacheAt();
    const before = cache.stamp();
    cache.rememberAccess("ann", "d1", editor, before);
    cache.flush();
    expect(cache.access("ann", "d1")).toBeUndefined();
    expect(cache.changedSince(before, "anyone")).toBe(true);
    cache.rememberAccess("ann", "d1", editor, before);
    expect(cache.size).toBe(0);
  });
});
