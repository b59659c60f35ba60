import type { TRole } from "@caucus/shared";
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
  /** A person's rights: roles by workspace, grants by document. */
  const rights = (memberships: Record<string, TRole>, grants: Record<string, TRole> = {}) => ({
    memberships: new Map(Object.entries(memberships)),
    grants: new Map(Object.entries(grants)),
  });
  /** Where documents d1, d2 (workspace w1) and d3 (w2) live. */
  const placeAll = (stamp = cache.stamp()) => {
    cache.rememberPlace("d1", { workspaceId: "w1" }, stamp);
    cache.rememberPlace("d2", { workspaceId: "w1" }, stamp);
    cache.rememberPlace("d3", { workspaceId: "w2" }, stamp);
  };
  return { bus, clock, cache, publish, who, rights, placeAll };
}

const editorIn = (workspaceId: string) => ({ workspaceId, role: "editor", isMember: true });

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

  it("answers a person's role on a document from their rights and its place, each for the TTL at most", () => {
    const { cache, clock, rights, placeAll } = cacheAt();
    placeAll();
    cache.rememberPerson("ann", rights({ w1: "editor" }, { d3: "commenter" }), cache.stamp());
    cache.rememberPerson("bo", rights({ w1: "owner" }, { d1: "viewer" }), cache.stamp());
    expect(cache.access("ann", "d1")).toEqual(editorIn("w1"));
    // A guest: a grant on one document of a workspace they are not in.
    expect(cache.access("ann", "d3")).toEqual({ workspaceId: "w2", role: "commenter", isMember: false });
    // An owner stays owner whatever their grant says.
    expect(cache.access("bo", "d1")?.role).toBe("owner");
    // Unknown people and documents, and no right to read, are the database's to answer (and refuse).
    expect(cache.access("cy", "d1")).toBeUndefined();
    expect(cache.access("ann", "d9")).toBeUndefined();
    expect(cache.access("bo", "d3")).toBeUndefined();
    clock.now += TTL_MS - 1;
    expect(cache.access("ann", "d1")).toEqual(editorIn("w1"));
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

  it("drops a person's rights on any change of them, whatever its scope, and nobody else's", async () => {
    const { cache, publish, who, clock, rights, placeAll } = cacheAt();
    placeAll();
    const changes: TRightsChange[] = [
      { userId: "ann", workspaceId: "w2", reason: "role_changed" },
      { userId: "ann", workspaceId: "w1", reason: "removed" },
      { userId: "ann", documentId: "d9", reason: "grant_changed" },
    ];
    for (const change of changes) {
      cache.rememberIdentity("laptop", who("ann", "s1"), clock.now + TTL_MS, cache.stamp());
      cache.rememberPerson("ann", rights({ w1: "editor", w2: "editor" }), cache.stamp());
      cache.rememberPerson("bo", rights({ w1: "editor" }), cache.stamp());
      await publish(change);
      expect(cache.access("ann", "d1"), change.reason).toBeUndefined();
      expect(cache.access("ann", "d3"), change.reason).toBeUndefined();
      expect(cache.access("bo", "d1"), change.reason).toEqual(editorIn("w1"));
      // Sessions are untouched by rights: the person is still who they are.
      expect(cache.identity("laptop")?.userId, change.reason).toBe("ann");
    }
  });

  it("knows nobody's role on a deleted document, and still everyone's on the others", async () => {
    const { cache, publish, rights, placeAll } = cacheAt();
    placeAll();
    cache.rememberPerson("ann", rights({ w1: "editor" }), cache.stamp());
    cache.rememberPerson("bo", rights({ w1: "editor" }), cache.stamp());
    await publish({ documentId: "d1", reason: "document_deleted" });
    expect(cache.access("ann", "d1")).toBeUndefined();
    expect(cache.access("bo", "d1")).toBeUndefined();
    expect(cache.access("ann", "d2")).toEqual(editorIn("w1"));
  });

  it("does not keep what was read before a change it heard touching that person or document", async () => {
    const { cache, publish, who, clock, rights, placeAll } = cacheAt();
    const before = cache.stamp();
    await publish({ userId: "ann", workspaceId: "w1", reason: "role_changed" });
    await publish({ documentId: "d2", reason: "document_deleted" });
    expect(cache.changedSince(before, "ann")).toBe(true);
    expect(cache.changedSince(before, "bo", "d1")).toBe(false);
    expect(cache.changedSince(before, "bo", "d2")).toBe(true);
    placeAll(before);
    cache.rememberPerson("ann", rights({ w1: "editor" }), before);
    cache.rememberPerson("bo", rights({ w1: "editor" }), before);
    cache.rememberIdentity("laptop", who("ann", "s1"), clock.now + TTL_MS, before);
    expect(cache.access("ann", "d1")).toBeUndefined();
    expect(cache.identity("laptop")).toBeUndefined();
    expect(cache.access("bo", "d2")).toBeUndefined();
    expect(cache.access("bo", "d1")).toEqual(editorIn("w1"));
  });

  it("holds at most maxEntries of each kind, forgetting the least recently used", () => {
    const { cache, rights } = cacheAt({ maxEntries: 3 });
    for (const documentId of ["d1", "d2", "d3"]) cache.rememberPlace(documentId, { workspaceId: "w1" }, 0);
    cache.rememberPerson("ann", rights({ w1: "viewer" }), cache.stamp());
    expect(cache.access("ann", "d1")?.role).toBe("viewer");
    cache.rememberPlace("d4", { workspaceId: "w1" }, cache.stamp());
    expect(cache.access("ann", "d2")).toBeUndefined();
    for (const documentId of ["d1", "d3", "d4"]) expect(cache.access("ann", documentId)?.role).toBe("viewer");
    expect(cache.size).toBe(4);
  });

  it("serves and keeps nothing while changes elsewhere cannot be heard, and forgets everything once they can", () => {
    const { cache, bus, rights, placeAll } = cacheAt();
    placeAll();
    cache.rememberPerson("ann", rights({ w1: "editor" }), cache.stamp());
    bus.listening = false;
    expect(cache.access("ann", "d1")).toBeUndefined();
    cache.rememberPerson("bo", rights({ w1: "editor" }), cache.stamp());
    bus.listening = true;
    expect(cache.access("ann", "d1")).toBeUndefined();
    expect(cache.size).toBe(0);
    placeAll();
    cache.rememberPerson("ann", rights({ w1: "editor" }), cache.stamp());
    expect(cache.access("ann", "d1")).toEqual(editorIn("w1"));
  });

  it("forgets everything on a flush, and a check begun before it is overtaken", () => {
    const { cache, rights, placeAll } = cacheAt();
    const before = cache.stamp();
    placeAll(before);
    cache.rememberPerson("ann", rights({ w1: "editor" }), before);
    cache.flush();
    expect(cache.access("ann", "d1")).toBeUndefined();
    expect(cache.changedSince(before, "anyone")).toBe(true);
    placeAll(before);
    cache.rememberPerson("ann", rights({ w1: "editor" }), before);
    expect(cache.size).toBe(0);
  });
});
