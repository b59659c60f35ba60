import { randomUUID } from "node:crypto";
import type { PresenceService, TPresenceHeartbeat } from "@caucus/server/presence/PresenceService";
import type { TPresenceChange, TPresenceEntry } from "@caucus/shared";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "./clients.js";
import { sleep } from "./ports.js";

/** How long a change may take to reach another instance. */
export const DELIVERY_BOUND_MS = 2_000;
/** How late past the TTL an expired entry may still be listed (timer and polling slack). */
const EXPIRY_MARGIN_MS = 500;

/** One backend shared by any number of instances, opened fresh for each test. */
export interface PresenceBackend {
  /** The TTL every instance was built with; short, so expiry is tested in about a second. */
  readonly ttlMs: number;
  /** The presence service of another instance on this backend. */
  instance(): Promise<PresenceService>;
  /** Resolves once every instance is connected and listening on what it subscribed to. */
  settled(): Promise<void>;
  /** Closes every instance. */
  close(): Promise<void>;
  /** Publishes raw text on a workspace's change channel, as a foreign or broken publisher would. */
  publishRaw?(workspaceId: string, text: string): Promise<void>;
  /** How many malformed messages the instances noticed and dropped (logged). */
  malformedIgnored?(): number;
  /** Takes the backend's server away, runs `during`, brings it back (empty) and waits until settled. */
  outage?(during: () => Promise<void>): Promise<void>;
  /** Stops an instance as a crash would: no leave, no more heartbeats, nothing cleaned up. */
  crash?(instance: PresenceService): Promise<void>;
}

function record(presence: PresenceService, workspaceId: string) {
  const seen: TPresenceChange[] = [];
  const stop = presence.subscribe(workspaceId, (change) => seen.push(change));
  const types = () => seen.map((change) => change.type);
  return { seen, stop, types };
}

function heartbeat(workspaceId: string, overrides: Partial<TPresenceHeartbeat> = {}): TPresenceHeartbeat {
  return {
    workspaceId,
    userId: "user-amina",
    connectionId: `conn-${randomUUID()}`,
    name: "Amina",
    color: "#1f77b4",
    documentId: null,
    status: "remote",
    timeZone: "Africa/Nairobi",
    at: Date.now(),
    ...overrides,
  };
}

const ids = (entries: TPresenceEntry[]) => entries.map((entry) => entry.connectionId);

/**
 * Presence, written once and run against every implementation. "Instances"
 * are the services of different server processes on one backend; in process
 * there is one instance, so `instance()` returns the same service.
 */
export function describePresenceContract(
  name: string,
  open: () => Promise<PresenceBackend>,
  /** What the backend has beyond the process: a channel others can write to, a server that can go away. */
  features: { wire: boolean; outages: boolean; crashes: boolean },
): void {
  describe(`presence: ${name}`, () => {
    let backend: PresenceBackend;
    let workspaceId: string;
    beforeEach(async () => {
      backend = await open();
      workspaceId = randomUUID();
    });
    afterEach(async () => {
      await backend.close();
    });

    it("lists an entry with every field, lastSeen from the heartbeat, alike on every instance", async () => {
      const [a, b] = [await backend.instance(), await backend.instance()];
      const beat = heartbeat(workspaceId, { documentId: randomUUID(), status: "room" });
      await a.heartbeat(beat);
      const { workspaceId: _, at, ...fields } = beat;
      const expected = [{ ...fields, lastSeen: at }];
      expect(await a.list(workspaceId)).toStrictEqual(expected);
      expect(await b.list(workspaceId)).toStrictEqual(expected);
    });

    it("announces joined, updated only when more than lastSeen changed, and left: here at once, there within the bound, each once", async () => {
      const [a, b] = [await backend.instance(), await backend.instance()];
      const [onA, onB] = [record(a, workspaceId), record(b, workspaceId)];
      await backend.settled();
      const beat = heartbeat(workspaceId);
      await a.heartbeat(beat);
      expect(onA.types()).toEqual(["joined"]);
      await a.heartbeat({ ...beat, at: beat.at + 100 });
      const documentId = randomUUID();
      await a.heartbeat({ ...beat, documentId, at: beat.at + 200 });
      expect(onA.types()).toEqual(["joined", "updated"]);
      await a.leave(workspaceId, beat.connectionId);
      expect(onA.types()).toEqual(["joined", "updated", "left"]);
      await waitFor(() => onB.seen.length >= 3, {
        timeout: DELIVERY_BOUND_MS,
        message: () => `b to hear all three (heard ${onB.types()})`,
      });
      // A change from b reaches a after any echo of a's own would have: none came.
      await b.heartbeat(heartbeat(workspaceId, { userId: "user-diego", name: "Diego" }));
      await waitFor(() => onA.seen.length >= 4, { timeout: DELIVERY_BOUND_MS, message: "a to hear b" });
      expect(onA.types()).toEqual(["joined", "updated", "left", "joined"]);
      expect(onB.types()).toEqual(["joined", "updated", "left", "joined"]);
      expect(onB.seen[1]).toMatchObject({ type: "updated", entry: { documentId, lastSeen: beat.at + 200 } });
      expect(onB.seen[2]).toEqual({ type: "left", workspaceId, connectionId: beat.connectionId });
    });

    it("agrees across instances, keeps workspaces apart, and forgets a connection that left at once", async () => {
      const [a, b] = [await backend.instance(), await backend.instance()];
      const other = randomUUID();
      const onOther = record(b, other);
      const onHere = record(b, workspaceId);
      await backend.settled();
      const [first, second, elsewhere] = [
        heartbeat(workspaceId),
        heartbeat(workspaceId, { userId: "user-li", name: "Li", status: "away", timeZone: "Asia/Manila" }),
        heartbeat(other),
      ];
      await a.heartbeat(first);
      await b.heartbeat(second);
      await a.heartbeat(elsewhere);
      const both = [first.connectionId, second.connectionId].sort();
      expect(ids(await a.list(workspaceId))).toEqual(both);
      expect(ids(await b.list(workspaceId))).toEqual(both);
      expect(ids(await b.list(other))).toEqual([elsewhere.connectionId]);
      await waitFor(() => onOther.seen.length >= 1, {
        timeout: DELIVERY_BOUND_MS,
        message: "the other workspace's join",
      });
      expect(onOther.seen).toHaveLength(1);
      expect(onHere.seen.every((change) => change.workspaceId === workspaceId)).toBe(true);

      await a.leave(workspaceId, first.connectionId);
      expect(ids(await b.list(workspaceId))).toEqual([second.connectionId]);
      expect(ids(await a.list(workspaceId))).toEqual([second.connectionId]);
    });

    it("drops an entry whose heartbeats stop within the TTL on every instance, and says so", async () => {
      const [a, b] = [await backend.instance(), await backend.instance()];
      const onB = record(b, workspaceId);
      await backend.settled();
      const beat = heartbeat(workspaceId);
      await a.heartbeat(beat);
      expect(ids(await b.list(workspaceId))).toEqual([beat.connectionId]);
      const goneFrom = async (presence: PresenceService) => {
        await waitFor(async () => (await presence.list(workspaceId)).length === 0, {
          timeout: backend.ttlMs + EXPIRY_MARGIN_MS,
          message: "the entry to expire",
        });
        return Date.now() - beat.at;
      };
      const [agedOnA, agedOnB] = await Promise.all([goneFrom(a), goneFrom(b)]);
      // Never before its time: the TTL is a promise to the person, too.
      expect(Math.min(agedOnA, agedOnB)).toBeGreaterThanOrEqual(backend.ttlMs);
      await waitFor(() => onB.seen.some((change) => change.type === "left"), {
        timeout: DELIVERY_BOUND_MS,
        message: () => `b to hear that the entry left (heard ${onB.types()})`,
      });
      expect(onB.seen.at(-1)).toEqual({ type: "left", workspaceId, connectionId: beat.connectionId });
    });

    it("keeps an entry while heartbeats come, well past the TTL", async () => {
      const [a, b] = [await backend.instance(), await backend.instance()];
      const beat = heartbeat(workspaceId);
      const until = Date.now() + backend.ttlMs * 2;
      while (Date.now() < until) {
        await a.heartbeat({ ...beat, at: Date.now() });
        expect(ids(await b.list(workspaceId))).toEqual([beat.connectionId]);
        await sleep(backend.ttlMs / 4);
      }
    });

    it("stops delivering to a listener that unsubscribed, and only to it", async () => {
      const [a, b] = [await backend.instance(), await backend.instance()];
      const [gone, staying] = [record(b, workspaceId), record(b, workspaceId)];
      await backend.settled();
      gone.stop();
      await a.heartbeat(heartbeat(workspaceId));
      await waitFor(() => staying.seen.length === 1, { timeout: DELIVERY_BOUND_MS, message: "the join" });
      expect(gone.seen).toEqual([]);
    });

    // Defined only where they apply: in process there is no channel and no server to lose.
    if (features.wire)
      it("ignores malformed messages on the channel and keeps delivering", async () => {
        const publishRaw = required(backend.publishRaw, "publishRaw");
        const malformedIgnored = required(backend.malformedIgnored, "malformedIgnored");
        const [a, b] = [await backend.instance(), await backend.instance()];
        const onB = record(b, workspaceId);
        await backend.settled();
        await publishRaw(workspaceId, "{not json");
        await publishRaw(workspaceId, JSON.stringify({ from: "elsewhere", change: { type: "joined" } }));
        // Well formed, but for another workspace than the channel's.
        await publishRaw(
          workspaceId,
          JSON.stringify({
            from: "elsewhere",
            change: { type: "left", workspaceId: randomUUID(), connectionId: "x" },
          }),
        );
        await a.heartbeat(heartbeat(workspaceId));
        await waitFor(() => onB.seen.length >= 1, { timeout: DELIVERY_BOUND_MS, message: "the valid join" });
        await waitFor(() => malformedIgnored() === 3, {
          timeout: DELIVERY_BOUND_MS,
          message: () => `3 malformed messages dropped by b (saw ${malformedIgnored()})`,
        });
        expect(onB.types()).toEqual(["joined"]);
      });

    if (features.crashes)
      it("drops the entries of an instance that crashed within the TTL, and says so", async () => {
        const crash = required(backend.crash, "crash");
        const [a, b] = [await backend.instance(), await backend.instance()];
        const onB = record(b, workspaceId);
        await backend.settled();
        const [lost, staying] = [
          heartbeat(workspaceId),
          heartbeat(workspaceId, { userId: "user-omar", name: "Omar" }),
        ];
        await a.heartbeat(lost);
        await crash(a);
        const keepAlive = setInterval(
          () => void b.heartbeat({ ...staying, at: Date.now() }),
          backend.ttlMs / 4,
        );
        try {
          await b.heartbeat(staying);
          await waitFor(async () => ids(await b.list(workspaceId)).join() === staying.connectionId, {
            timeout: backend.ttlMs + EXPIRY_MARGIN_MS,
            message: "the crashed instance's entry to expire",
          });
          expect(Date.now() - lost.at).toBeGreaterThanOrEqual(backend.ttlMs);
          await waitFor(() => onB.seen.some((change) => change.type === "left"), {
            timeout: DELIVERY_BOUND_MS,
            message: () => `b to announce that the entry left (heard ${onB.types()})`,
          });
          expect(onB.seen.filter((change) => change.type === "left")).toEqual([
            { type: "left", workspaceId, connectionId: lost.connectionId },
          ]);
        } finally {
          clearInterval(keepAlive);
        }
      });

    if (features.outages)
      it("keeps this instance's presence while the backend is down, and agrees again once it is back", async () => {
        const outage = required(backend.outage, "outage");
        const [a, b] = [await backend.instance(), await backend.instance()];
        const [onA, onB] = [record(a, workspaceId), record(b, workspaceId)];
        await backend.settled();
        const [mine, theirs] = [
          heartbeat(workspaceId),
          heartbeat(workspaceId, { userId: "user-sara", name: "Sara" }),
        ];
        await a.heartbeat(mine);
        await b.heartbeat(theirs);
        const documentId = randomUUID();
        await outage(async () => {
          // Heard here at once and never thrown; the list falls back to this instance's own people.
          await a.heartbeat({ ...mine, documentId, at: Date.now() });
          expect(onA.types().filter((type) => type === "updated")).toHaveLength(1);
          expect(onA.seen.at(-1)).toMatchObject({ type: "updated", entry: { documentId } });
          expect(ids(await a.list(workspaceId))).toContain(mine.connectionId);
        });
        // The backend came back empty; the next heartbeats fill it again.
        await a.heartbeat({ ...mine, documentId, at: Date.now() });
        await b.heartbeat({ ...theirs, at: Date.now() });
        const both = [mine.connectionId, theirs.connectionId].sort();
        expect(ids(await a.list(workspaceId))).toEqual(both);
        expect(ids(await b.list(workspaceId))).toEqual(both);
        await a.heartbeat({ ...mine, documentId, status: "away", at: Date.now() });
        await waitFor(
          () => onB.seen.some((change) => change.type === "updated" && change.entry.status === "away"),
          { timeout: DELIVERY_BOUND_MS, message: "b to hear a's change after the restart" },
        );
      });
  });
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the backend declares the feature but has no ${what}`);
  return value;
}
