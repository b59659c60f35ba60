import { AUTHORS_FIELD, SAVE_MARKS_FIELD, SUGGESTIONS_FIELD } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { pendingEdits, recordEdit, type TLedger } from "./editLedger";
import { trackLocalEdits, UNCOUNTED_ORIGIN } from "./localEdits";

function trackedDoc() {
  const ydoc = new Y.Doc();
  const ledger: TLedger = {};
  trackLocalEdits(ydoc, (client, clock) => recordEdit(ledger, client, clock));
  return { ydoc, ledger, text: ydoc.getText("t") };
}

describe("trackLocalEdits", () => {
  it("records one entry per local transaction, with the clock after it", () => {
    const { ydoc, ledger, text } = trackedDoc();
    text.insert(0, "Hello");
    text.insert(5, " world");
    expect(ledger[String(ydoc.clientID)]).toEqual([
      [5, 1],
      [11, 1],
    ]);
    // The server storing everything this client wrote covers both.
    expect(pendingEdits(ledger, Y.decodeStateVector(Y.encodeStateVector(ydoc)))).toBe(0);
  });

  it("ignores updates that came from elsewhere", () => {
    const { ydoc, ledger } = trackedDoc();
    const remote = new Y.Doc();
    remote.getText("t").insert(0, "from a co-drafter");
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(remote), "socket");
    expect(ledger).toEqual({});
  });

  it("makes a deletion visible in the state vector with a marker written after it", () => {
    const { ydoc, ledger, text } = trackedDoc();
    text.insert(0, "Cut this paragraph");
    const storedBeforeCut = Y.decodeStateVector(Y.encodeStateVector(ydoc));
    const updates: Uint8Array[] = [];
    ydoc.on("update", (update: Uint8Array) => updates.push(update));

    text.delete(0, text.length);

    // The cut is pending against what was stored before it...
    expect(pendingEdits(ledger, storedBeforeCut)).toBe(1);
    // ...and the marker travels after the deletion, so storing it stores the cut.
    expect(updates).toHaveLength(2);
    const server = new Y.Doc();
    for (const update of updates.slice(0, 1)) Y.applyUpdate(server, update);
    expect(server.getMap(SAVE_MARKS_FIELD).size).toBe(0);
    expect(ydoc.getMap(SAVE_MARKS_FIELD).get(String(ydoc.clientID))).toBe(1);
    expect(pendingEdits(ledger, Y.decodeStateVector(Y.encodeStateVector(ydoc)))).toBe(0);
  });

  it("does not mark a transaction that already advanced the clock", () => {
    const { ydoc, text } = trackedDoc();
    text.insert(0, "abc");
    ydoc.transact(() => {
      text.delete(0, 1);
      text.insert(0, "x");
    });
    expect(ydoc.getMap(SAVE_MARKS_FIELD).size).toBe(0);
  });

  it("writes no marker when it may not (a commenter withdrawing a suggestion)", () => {
    const ydoc = new Y.Doc();
    const ledger: TLedger = {};
    trackLocalEdits(
      ydoc,
      (client, clock) => recordEdit(ledger, client, clock),
      () => false,
    );
    const suggestions = ydoc.getMap(SUGGESTIONS_FIELD);
    suggestions.set("s-12345678", { insert: "x" });
    const updates: Uint8Array[] = [];
    ydoc.on("update", (update: Uint8Array) => updates.push(update));
    suggestions.delete("s-12345678");
    expect(updates).toHaveLength(1);
    expect(ydoc.getMap(SAVE_MARKS_FIELD).size).toBe(0);
  });

  it("does not count the app's own bookkeeping as an edit", () => {
    const { ydoc, ledger, text } = trackedDoc();
    text.insert(0, "a");
    ydoc.transact(
      () => ydoc.getMap(AUTHORS_FIELD).set(String(ydoc.clientID), { userId: "u", name: "Ana" }),
      UNCOUNTED_ORIGIN,
    );
    expect(ledger[String(ydoc.clientID)]).toEqual([[1, 1]]);
  });
});
