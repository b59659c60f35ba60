import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { encodeCraftedUpdate } from "../testing/fuzz/craftUpdate.js";
import { checkEditorUpdate } from "./editorUpdateCheck.js";

/** Tom (client 1) wrote "abc" into "t", and "xy" into "u"; Eve is client 9. */
function tomsDocument(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  doc.getText("t").insert(0, "abc");
  doc.getText("u").insert(0, "xy");
  return doc;
}

const EVE = 9;
const isEves = (client: number) => client === EVE;

/** Eve's one-character insertion with the given neighbours. */
function insertion(origin: Y.ID | null, rightOrigin: Y.ID | null): Uint8Array {
  return encodeCraftedUpdate({
    runs: [
      {
        client: EVE,
        clock: 0,
        structs: [{ origin, rightOrigin, parent: "t", content: { ref: "string", text: "E" } }],
      },
    ],
    deletes: [],
  });
}

describe("checkEditorUpdate", () => {
  it("passes what Yjs clients send, concurrent insertions between the same neighbours included", () => {
    const doc = tomsDocument();
    const eve = new Y.Doc();
    eve.clientID = EVE;
    Y.applyUpdate(eve, Y.encodeStateAsUpdate(doc));
    const sent: Uint8Array[] = [];
    eve.on("update", (update: Uint8Array) => sent.push(update));
    eve.getText("t").insert(1, "E");
    eve.getText("t").delete(0, 1);
    // Tom typed between the same neighbours meanwhile.
    doc.getText("t").insert(1, "T");
    for (const update of sent) {
      const checked = checkEditorUpdate(doc, update, isEves);
      expect(checked).toEqual({ update, dropped: false });
      Y.applyUpdate(doc, update);
    }
    expect(["TEbc", "ETbc"]).toContain(doc.getText("t").toString());
  });

  it("refuses an insertion next to or into another person's clocks not held yet", () => {
    const doc = tomsDocument();
    expect(checkEditorUpdate(doc, insertion(Y.createID(1, 9), null), isEves)).toHaveProperty("refused");
    expect(checkEditorUpdate(doc, insertion(null, Y.createID(1, 9)), isEves)).toHaveProperty("refused");
    const intoUnheld = encodeCraftedUpdate({
      runs: [
        {
          client: EVE,
          clock: 0,
          structs: [{ parent: { client: 1, clock: 40 }, content: { ref: "string", text: "E" } }],
        },
      ],
      deletes: [],
    });
    expect(checkEditorUpdate(doc, intoUnheld, isEves)).toHaveProperty("refused");
    // Her own clocks ahead of herself are hers.
    expect(checkEditorUpdate(doc, insertion(Y.createID(EVE, 5), null), isEves)).not.toHaveProperty("refused");
  });

  it("refuses an insertion whose right neighbour comes before its left one, or lies in another list", () => {
    const doc = tomsDocument();
    expect(checkEditorUpdate(doc, insertion(Y.createID(1, 2), Y.createID(1, 0)), isEves)).toHaveProperty(
      "refused",
    );
    expect(checkEditorUpdate(doc, insertion(Y.createID(1, 1), Y.createID(1, 1)), isEves)).toHaveProperty(
      "refused",
    );
    // "u" holds clocks 3 and 4.
    expect(checkEditorUpdate(doc, insertion(Y.createID(1, 0), Y.createID(1, 3)), isEves)).toHaveProperty(
      "refused",
    );
    expect(checkEditorUpdate(doc, insertion(Y.createID(1, 0), Y.createID(1, 2)), isEves)).toEqual({
      update: expect.any(Uint8Array),
      dropped: false,
    });
  });

  it("drops deletions of another person's clocks not held yet, keeps the held part and the rest of the update", () => {
    const doc = tomsDocument();
    const update = encodeCraftedUpdate({
      runs: [{ client: EVE, clock: 0, structs: [{ parent: "t", content: { ref: "string", text: "E" } }] }],
      deletes: [
        { client: 1, clock: 4, length: 10 },
        { client: EVE, clock: 3, length: 2 },
      ],
    });
    const checked = checkEditorUpdate(doc, update, isEves);
    if ("refused" in checked) throw new Error(checked.refused);
    expect(checked.dropped).toBe(true);
    const decoded = Y.decodeUpdate(checked.update);
    expect(decoded.structs.map((s) => s.id)).toEqual([Y.createID(EVE, 0)]);
    expect([...decoded.ds.clients].map(([c, r]) => [c, r.map((x) => [x.clock, x.len])])).toEqual([
      [1, [[4, 1]]],
      [EVE, [[3, 2]]],
    ]);
  });
});
