import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DOCUMENT_FIELD } from "../docFields.js";
import { readAuthor, textAuthorRuns, xmlTexts } from "./authorship.js";

/** A document with one paragraph, then `edits` made by separate clients in turn. */
function written(edits: ((text: Y.XmlText) => void)[]): { doc: Y.Doc; clients: number[] } {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText()]);
  const clients: number[] = [];
  for (const edit of edits) {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    edit(xmlTexts(client.getXmlFragment(DOCUMENT_FIELD))[0] as Y.XmlText);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(client));
    clients.push(client.clientID);
  }
  return { doc, clients };
}

describe("textAuthorRuns", () => {
  it("splits the text by who inserted it, merging one client's adjacent pieces", () => {
    const { doc, clients } = written([
      (text) => {
        text.insert(0, "The States");
        text.insert(10, " shall");
      },
      (text) => text.insert(4, "Member "),
    ]);
    const [ana, ben] = clients;
    const text = xmlTexts(doc.getXmlFragment(DOCUMENT_FIELD))[0] as Y.XmlText;
    expect(text.toString()).toBe("The Member States shall");
    expect(textAuthorRuns(text)).toEqual([
      { client: ana, offset: 0, length: 4 },
      { client: ben, offset: 4, length: 7 },
      { client: ana, offset: 11, length: 12 },
    ]);
  });

  it("leaves out deleted text and takes formatting markers for no room", () => {
    const { doc, clients } = written([
      (text) => text.insert(0, "All States shall"),
      (text) => {
        text.delete(0, 4);
        text.format(0, 6, { bold: {} });
      },
    ]);
    const text = xmlTexts(doc.getXmlFragment(DOCUMENT_FIELD))[0] as Y.XmlText;
    expect(textAuthorRuns(text)).toEqual([{ client: clients[0], offset: 0, length: 12 }]);
  });

  it("finds texts in nested blocks, in order", () => {
    const doc = new Y.Doc();
    const list = new Y.XmlElement("bulletList");
    const item = new Y.XmlElement("listItem");
    const inner = new Y.XmlElement("paragraph");
    const outer = new Y.XmlElement("paragraph");
    doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [list, outer]);
    list.insert(0, [item]);
    item.insert(0, [inner]);
    inner.insert(0, [new Y.XmlText("one")]);
    outer.insert(0, [new Y.XmlText("two")]);
    expect(xmlTexts(doc.getXmlFragment(DOCUMENT_FIELD)).map(String)).toEqual(["one", "two"]);
  });

  it("reads an author entry, and nothing else as one", () => {
    expect(readAuthor({ userId: "u1", name: "Ana" })).toEqual({ userId: "u1", name: "Ana" });
    expect(readAuthor({ userId: 1, name: "Ana" })).toBeNull();
    expect(readAuthor("Ana")).toBeNull();
  });
});
