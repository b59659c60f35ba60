import { documentContent, documentExtensions } from "@caucus/shared/editor";
import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentCollaboration } from "./documentCollaboration";

describe("documentCollaboration", () => {
  it("binds the editor to the fragment the server reads", () => {
    const ydoc = new Y.Doc();
    const { field } = documentCollaboration(ydoc).options;
    const text = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Chair," }] }],
    };
    prosemirrorJSONToYXmlFragment(getSchema(documentExtensions()), text, ydoc.getXmlFragment(field));
    expect(documentContent(ydoc)).toEqual(text);
  });
});
