import { AUTHORS_FIELD, SAVE_MARKS_FIELD, SUGGESTIONS_FIELD } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { pendingEdits, recordEdit, type TLedger } from "./editLedger";
import { trackLocalEdits, UNCOUNTED_ORIGIN } from "./localEdits";

function trackedDoc() {
  const ydoc = new Y.Doc();
  const ledger: TLedger = {};
  trackLocalEdits(ydoc, (client, clock, deletion) => recordEdit(ledger, client, clock, deletion));
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

  it("records a deletion, which no state vector of this document can show stored, and writes nothing more", () => {
    const { ydoc, ledger, text } = trackedDoc();
    text.insert(0, "Cut this paragraph");
    const updates: Uint8Array[] = [];
    ydoc.on("update", (update: Uint8Array) => updates.push(update));

    text.delete(0, text.length);

    expect(ledger[String(ydoc.clientID)]).toEqual([
      [18, 1],
      [18, 1, 1],
    ]);
    expect(pendingEdits(ledger, Y.decodeStateVector(Y.encodeStateVector(ydoc)))).toBe(1);
    // One update, the deletion's own: no marker travels after it (they used to cost every member bytes).
    expect(updates).toHaveLength(1);
    expect(ydoc.getMap(SAVE_MARKS_FIELD).size).toBe(0);
  });

  it("records a transaction that deletes and inserts by its clock alone", () => {
    const { ydoc, ledger, text } = trackedDoc();
    text.insert(0, "abc");
    ydoc.transact(() => {
      text.delete(0, 1);
      text.insert(0, "x");
    });
    expect(ledger[String(ydoc.clientID)]).toEqual([
      [3, 1],
      [4, 1],
    ]);
  });

  it("records a commenter withdrawing a suggestion as a deletion", () => {
    const { ydoc, ledger } = trackedDoc();
    const suggestions = ydoc.getMap(SUGGESTIONS_FIELD);
    suggestions.set("s-12345678", { insert: "x" });
    suggestions.delete("s-12345678");
    expect(ledger[String(ydoc.clientID)]).toEqual([
      [1, 1],
      [1, 1, 1],
    ]);
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
