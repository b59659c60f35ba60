import { describe, expect, it } from "vitest";
import { dropUnknown, parseLedger, pendingEdits, pruneCovered, recordEdit, type TLedger } from "./editLedger";

describe("edit ledger", () => {
  it("counts each transaction until the stored state vector reaches its clock", () => {
    const ledger: TLedger = {};
    recordEdit(ledger, 1, 3);
    recordEdit(ledger, 1, 5);
    recordEdit(ledger, 1, 9);
    expect(pendingEdits(ledger, null)).toBe(3);
    // Clock 5 stored means the first two transactions are stored.
    expect(pendingEdits(ledger, new Map([[1, 5]]))).toBe(1);
    expect(pendingEdits(ledger, new Map([[1, 9]]))).toBe(0);
  });

  it("covers edits from earlier page loads under other client ids", () => {
    const ledger: TLedger = {};
    recordEdit(ledger, 111, 4); // an offline session yesterday
    recordEdit(ledger, 222, 2); // this page load
    const stored = new Map([[222, 2]]);
    expect(pendingEdits(ledger, stored)).toBe(1);
    expect(pruneCovered(ledger, stored)).toBe(true);
    expect(ledger).toEqual({ "111": [[4, 1]] });
  });

  it("forgets edits no copy of the document has any more", () => {
    const ledger: TLedger = {};
    recordEdit(ledger, 5, 3);
    recordEdit(ledger, 5, 8); // typed, then the tab closed before IndexedDB wrote it
    recordEdit(ledger, 6, 2); // never written at all
    expect(dropUnknown(ledger, (client) => (client === 5 ? 3 : 0))).toBe(true);
    expect(ledger).toEqual({ "5": [[3, 1]] });
  });

  it("stays bounded without losing the count", () => {
    const ledger: TLedger = {};
    for (let clock = 1; clock <= 50; clock++) recordEdit(ledger, 7, clock, false, 10);
    expect(ledger["7"]).toHaveLength(10);
    expect(pendingEdits(ledger, null)).toBe(50);
    expect(pendingEdits(ledger, new Map([[7, 50]]))).toBe(0);
  });

  it("reads back what it wrote and ignores junk", () => {
    const ledger: TLedger = {};
    recordEdit(ledger, 42, 10);
    expect(parseLedger(JSON.stringify(ledger))).toEqual(ledger);
    expect(parseLedger("{not json")).toEqual({});
    expect(
      parseLedger(
        JSON.stringify({
          x: [[1, 1]],
          "5": [
            ["a", 1],
            [3, 1],
          ],
        }),
      ),
    ).toEqual({ "5": [[3, 1]] });
  });
});
