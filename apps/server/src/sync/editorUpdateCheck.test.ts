import fc from "fast-check";
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
    // Her own text, once the server holds it, is held to the same order.
    const own = encodeCraftedUpdate({
      runs: [{ client: EVE, clock: 0, structs: [{ parent: "t", content: { ref: "string", text: "EE" } }] }],
      deletes: [],
    });
    Y.applyUpdate(doc, own);
    const backwards = encodeCraftedUpdate({
      runs: [
        {
          client: EVE,
          clock: 2,
          structs: [
            {
              origin: Y.createID(EVE, 1),
              rightOrigin: Y.createID(EVE, 0),
              parent: "t",
              content: { ref: "string", text: "x" },
            },
          ],
        },
      ],
      deletes: [],
    });
    expect(checkEditorUpdate(doc, backwards, isEves)).toHaveProperty("refused");
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

describe("checkEditorUpdate and what Yjs clients send", () => {
  /**
   * Three clients edit rich text, a map and lists at once, undo and redo,
   * and their updates reach the server, and the server's reach them, in
   * any interleaving (each link in order, as a socket is): the check
   * refuses and drops nothing, and everyone ends with the server's text.
   */
  const op = fc.record({
    client: fc.nat({ max: 2 }),
    kind: fc.constantFrom(
      "insert",
      "insert",
      "delete",
      "format",
      "paragraph",
      "unparagraph",
      "map",
      "undo",
      "redo",
      "deliver",
      "deliver",
      "deliver",
      "settle",
    ),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 4 }),
  });

  it("passes every update of concurrent clients, undo and redo included, delivered in any order", () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 120 }),
        fc.array(fc.nat(), { minLength: 120, maxLength: 120 }),
        (ops, picks) => {
          const server = new Y.Doc();
          const clients = [0, 1, 2].map((i) => {
            const doc = new Y.Doc();
            doc.clientID = 100 + i;
            const fragment = doc.getXmlFragment("default");
            const undo = new Y.UndoManager([fragment, doc.getMap("m")], { captureTimeout: 0 });
            const outbox: Uint8Array[] = [];
            const inbox: Uint8Array[] = [];
            doc.on("update", (update: Uint8Array, origin: unknown) => {
              if (origin !== "server") outbox.push(update);
            });
            return { doc, fragment, undo, outbox, inbox, id: 100 + i };
          });
          server.on("update", (update: Uint8Array, origin: unknown) => {
            for (const c of clients) if (c.id !== origin) c.inbox.push(update);
          });
          const deliver = (c: (typeof clients)[number], toServer: boolean) => {
            if (toServer) {
              const update = c.outbox.shift();
              if (!update) return;
              const checked = checkEditorUpdate(server, update, (client) => client === c.id);
              if ("refused" in checked) throw new Error(`refused: ${checked.refused}`);
              expect(checked.dropped).toBe(false);
              Y.applyUpdate(server, update, c.id);
            } else {
              const update = c.inbox.shift();
              if (update) Y.applyUpdate(c.doc, update, "server");
            }
          };
          const settle = () => {
            for (
              let round = 0;
              round < 500 && clients.some((c) => c.outbox.length + c.inbox.length > 0);
              round++
            ) {
              for (const c of clients) {
                deliver(c, true);
                deliver(c, false);
              }
            }
          };
          ops.forEach((o, i) => {
            const c = clients[o.client] as (typeof clients)[number];
            const paragraphs = c.fragment
              .toArray()
              .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
            const paragraph = paragraphs[o.at % Math.max(1, paragraphs.length)];
            const text = paragraph?.get(0);
            switch (o.kind) {
              case "paragraph": {
                const created = new Y.XmlElement("paragraph");
                c.fragment.insert(o.at % (paragraphs.length + 1), [created]);
                created.insert(0, [new Y.XmlText("new")]);
                break;
              }
              case "unparagraph":
                if (paragraphs.length > 0) c.fragment.delete(o.at % c.fragment.length, 1);
                break;
              case "insert":
                if (text instanceof Y.XmlText) text.insert(o.at % (text.length + 1), "ab".repeat(o.length));
                break;
              case "delete":
                if (text instanceof Y.XmlText && text.length > 0) {
                  const at = o.at % text.length;
                  text.delete(at, Math.min(o.length, text.length - at));
                }
                break;
              case "format":
                if (text instanceof Y.XmlText && text.length > 0)
                  text.format(o.at % text.length, o.length, { bold: o.at % 2 === 0 ? true : null });
                break;
              case "map":
                c.doc.getMap("m").set(`k${o.at % 3}`, o.at);
                break;
              case "undo":
                c.undo.undo();
                break;
              case "redo":
                c.undo.redo();
                break;
              case "settle":
                settle();
                break;
              case "deliver": {
                const pick = picks[i] ?? 0;
                deliver(c, pick % 2 === 0);
                break;
              }
            }
          });
          settle();
          for (const c of clients)
            expect(c.fragment.toString()).toBe(server.getXmlFragment("default").toString());
        },
      ),
      { numRuns: 1000 },
    );
  });
});
