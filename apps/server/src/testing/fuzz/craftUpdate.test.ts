import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { encodeCraftedUpdate } from "./craftUpdate.js";

/** The crafted bytes are what Yjs itself writes, so what the fuzzer says is what a client could send. */
describe("encodeCraftedUpdate", () => {
  it("writes a map entry, a text insertion after an origin and a deletion as Yjs does", () => {
    const doc = new Y.Doc();
    doc.clientID = 7;
    doc.getText("t").insert(0, "ab");
    doc.getMap("m").set("k", { a: 1 });
    doc.getText("t").delete(0, 1);
    const crafted = encodeCraftedUpdate({
      runs: [
        {
          client: 7,
          clock: 0,
          structs: [
            { parent: "t", content: { ref: "string", text: "ab" } },
            { parent: "m", parentSub: "k", content: { ref: "any", values: [{ a: 1 }] } },
          ],
        },
      ],
      deletes: [{ client: 7, clock: 0, length: 1 }],
    });
    const replica = new Y.Doc();
    Y.applyUpdate(replica, crafted);
    expect(replica.getText("t").toString()).toBe("b");
    expect(replica.getMap("m").toJSON()).toEqual({ k: { a: 1 } });
    expect(Y.encodeStateVector(replica)).toEqual(Y.encodeStateVector(doc));
  });

  it("writes an origin, a nested parent and a gap that Yjs holds as pending", () => {
    const crafted = encodeCraftedUpdate({
      runs: [
        {
          client: 3,
          clock: 0,
          structs: [
            { parent: "f", content: { ref: "type", typeRef: 3, name: "paragraph" } },
            { parent: { client: 3, clock: 0 }, content: { ref: "type", typeRef: 6 } },
            { parent: { client: 3, clock: 1 }, content: { ref: "string", text: "x" } },
            { origin: { client: 3, clock: 2 }, parent: "ignored", content: { ref: "string", text: "y" } },
          ],
        },
        {
          client: 9,
          clock: 5,
          structs: [{ parent: "m", parentSub: "k", content: { ref: "any", values: [1] } }],
        },
      ],
      deletes: [],
    });
    const replica = new Y.Doc();
    Y.applyUpdate(replica, crafted);
    expect(replica.getXmlFragment("f").toString()).toBe("<paragraph>xy</paragraph>");
    expect(replica.store.pendingStructs).not.toBeNull();
    expect(Y.getState(replica.store, 9)).toBe(0);
    expect(replica.getMap("m").size).toBe(0);
  });
});
