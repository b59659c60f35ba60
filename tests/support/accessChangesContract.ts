import type { AccessChanges, TAccessChange, TRightsChange } from "@caucus/server/auth/AccessChanges";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "./clients.js";

/** How long a change may take to reach another instance. */
export const DELIVERY_BOUND_MS = 2_000;

/** One backend shared by any number of instances, opened fresh for each test. */
export interface AccessChangesBackend {
  /** The bus of another instance on this backend. */
  instance(): Promise<AccessChanges>;
  /** Resolves once every instance is connected and listening. */
  settled(): Promise<void>;
  /** Closes every instance. */
  close(): Promise<void>;
  /** Publishes raw text on the bus's channel, as a foreign or broken publisher would; where there is a wire. */
  publishRaw?(text: string): Promise<void>;
  /** How many malformed messages the instances noticed and dropped (logged), where there is a wire. */
  malformedIgnored?(): number;
  /** Takes the backend's server away, runs `during`, brings it back (empty) and waits until settled. */
  outage?(during: () => Promise<void>): Promise<void>;
}

function record(bus: AccessChanges) {
  const seen: TRightsChange[] = [];
  const stop = bus.subscribe((change) => seen.push(change));
  return { seen, stop };
}

const change = (userId: string, extra: Partial<TAccessChange> = {}): TAccessChange => ({
  userId,
  reason: "removed",
  ...extra,
});

/**
 * The rights-change bus, written once and run against every implementation.
 * "Instances" are buses of different server processes on one backend; the
 * in-process bus has one instance, so `instance()` returns the same bus.
 */
export function describeAccessChangesContract(
  name: string,
  open: () => Promise<AccessChangesBackend>,
  /** What the backend has beyond the process: a channel others can write to, a server that can go away. */
  features: { wire: boolean; outages: boolean },
): void {
  describe(`rights-change bus: ${name}`, () => {
    let backend: AccessChangesBackend;
    beforeEach(async () => {
      backend = await open();
    });
    afterEach(async () => {
      await backend.close();
    });

    it("delivers to this instance before publish resolves, to another instance within the bound, each once", async () => {
      const [a, b] = [await backend.instance(), await backend.instance()];
      const [onA, onB] = [record(a), record(b)];
      await backend.settled();
      const first = change("member-1", { workspaceId: "ws-1" });
      await a.publish(first);
      expect(onA.seen).toEqual([first]);
      await waitFor(() => onB.seen.length === 1, {
        timeout: DELIVERY_BOUND_MS,
        message: () => `the other instance to hear the change (heard ${JSON.stringify(onB.seen)})`,
      });
      // A reply from b reaches a after any echo of a's own change would have: none came.
      const second = change("member-2", { reason: "signed_out", sessionId: "session-9" });
      await b.publish(second);
      await waitFor(() => onA.seen.length >= 2, { timeout: DELIVERY_BOUND_MS, message: "a to hear b" });
      expect(onA.seen).toEqual([first, second]);
      expect(onB.seen).toEqual([first, second]);
    });

    it("carries every field, and leaves absent ones absent", async () => {
      const [a, b] = [await backend.instance(), await backend.instance()];
      const onB = record(b);
      await backend.settled();
      const full: TAccessChange = {
        userId: "member-3",
        workspaceId: "ws-2",
        documentId: "doc-7",
        sessionId: "session-1",
        reason: "grant_changed",
      };
      const bare: TAccessChange = { userId: "member-4", reason: "role_changed" };
      const trashed: TRightsChange = { documentId: "doc-8", reason: "document_deleted" };
      await a.publish(full);
      await a.publish(bare);
      await a.publish(trashed);
      await waitFor(() => onB.seen.length === 3, {
        timeout: DELIVERY_BOUND_MS,
        message: "the three changes",
      });
      expect(onB.seen).toStrictEqual([full, bare, trashed]);
    });

    it("stops delivering to a listener that unsubscribed, and only to it", async () => {
      const [a, b] = [await backend.instance(), await backend.instance()];
      const [gone, staying] = [record(b), record(b)];
      await backend.settled();
      gone.stop();
      const sent = change("member-5");
      await a.publish(sent);
      await waitFor(() => staying.seen.length === 1, { timeout: DELIVERY_BOUND_MS, message: "the change" });
      expect(gone.seen).toEqual([]);
    });

    // Defined only where it applies: the in-process bus has no channel and no server to lose.
    if (features.wire)
      it("ignores malformed messages on the channel and keeps delivering", async () => {
        const publishRaw = required(backend.publishRaw, "publishRaw");
        const [a, b] = [await backend.instance(), await backend.instance()];
        const onB = record(b);
        await backend.settled();
        await publishRaw("{not json");
        await publishRaw(JSON.stringify({ from: "elsewhere", change: { userId: 42 } }));
        await publishRaw(JSON.stringify("a string"));
        const sent = change("member-6");
        await a.publish(sent);
        await waitFor(() => onB.seen.length >= 1, {
          timeout: DELIVERY_BOUND_MS,
          message: "the valid change",
        });
        expect(onB.seen).toEqual([sent]);
        // Each reached both instances and was dropped on purpose, not lost on the way.
        const malformedIgnored = required(backend.malformedIgnored, "malformedIgnored");
        await waitFor(() => malformedIgnored() === 6, {
          timeout: DELIVERY_BOUND_MS,
          message: () => `3 malformed messages dropped by each of 2 instances (saw ${malformedIgnored()})`,
        });
      });

    if (features.outages)
      it("keeps delivering on this instance while the backend is down, and across instances once it is back", async () => {
        const outage = required(backend.outage, "outage");
        const [a, b] = [await backend.instance(), await backend.instance()];
        const [onA, onB] = [record(a), record(b)];
        await backend.settled();
        const during = change("member-7", { reason: "signed_out" });
        expect([a.listening, b.listening]).toEqual([true, true]);
        await outage(async () => {
          // Revocation here never waits on Redis: heard at once, and publish does not throw.
          await a.publish(during);
          expect(onA.seen).toEqual([during]);
          // What the others publish meanwhile is lost, and each instance knows it.
          await waitFor(() => !a.listening && !b.listening, {
            timeout: DELIVERY_BOUND_MS,
            message: "the instances to know they hear no one",
          });
        });
        expect([a.listening, b.listening]).toEqual([true, true]);
        const fromB = change("member-8");
        await b.publish(fromB);
        await waitFor(() => onA.seen.some((c) => "userId" in c && c.userId === "member-8"), {
          timeout: DELIVERY_BOUND_MS,
          message: "a to hear b after the restart",
        });
        const fromA = change("member-9");
        await a.publish(fromA);
        await waitFor(() => onB.seen.some((c) => "userId" in c && c.userId === "member-9"), {
          timeout: DELIVERY_BOUND_MS,
          message: "b to hear a after the restart",
        });
        expect(onA.seen.map((c) => ("userId" in c ? c.userId : c.documentId))).toEqual([
          "member-7",
          "member-8",
          "member-9",
        ]);
      });
  });
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the backend declares the feature but has no ${what}`);
  return value;
}
