import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { defaultDeliverySettings } from "./deliverySettings.js";
import { DOC_FIELDS, DOCUMENT_FIELD } from "./docFields.js";
import { documentContent, initialDocumentState } from "./editor/index.js";

describe("the Y.Doc's fields", () => {
  it("are distinct, so no two features share a root type", () => {
    expect(new Set(DOC_FIELDS).size).toBe(DOC_FIELDS.length);
  });

  it("are ours, apart from the text, which keeps Tiptap's default name", () => {
    for (const field of DOC_FIELDS) {
      if (field !== DOCUMENT_FIELD) expect(field.startsWith("caucus:")).toBe(true);
    }
    expect(DOCUMENT_FIELD).toBe("default");
  });

  it("hold all a new document starts with, and the text is where the server reads it", () => {
    const paragraph = { type: "paragraph", content: [{ type: "text", text: "Thank you, Chair." }] };
    const doc = new Y.Doc();
    Y.applyUpdate(
      doc,
      initialDocumentState({ type: "doc", content: [paragraph] }, defaultDeliverySettings("fr")),
    );
    expect([...doc.share.keys()].every((name) => (DOC_FIELDS as readonly string[]).includes(name))).toBe(
      true,
    );
    expect(documentContent(doc).content).toEqual([paragraph]);
  });
});
