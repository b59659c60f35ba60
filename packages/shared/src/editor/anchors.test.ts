import { getSchema } from "@tiptap/core";
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { TCommentAnchor } from "../comments.js";
import { DOCUMENT_FIELD } from "../docFields.js";
import {
  anchorAt,
  commentAnchor,
  commentRange,
  decodePosition,
  encodePosition,
  isEncodedAnchor,
  resolveAnchor,
  resolvePosition,
  type TYBinding,
} from "./anchors.js";
import { documentExtensions } from "./index.js";

const schema = getSchema(documentExtensions());
const SENTENCE = "We urge delegations to protect encryption.";

/** Two replicas of a document that start equal and exchange their updates on `sync`. */
function twoReplicas(paragraphs: string[], gc = true) {
  const a = new Y.Doc({ gc });
  prosemirrorJSONToYXmlFragment(
    schema,
    {
      type: "doc",
      content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
    },
    a.getXmlFragment(DOCUMENT_FIELD),
  );
  const b = new Y.Doc({ gc });
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const sync = () => {
    const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    Y.applyUpdate(b, fromA);
    Y.applyUpdate(a, fromB);
  };
  return { a, b, sync };
}

/** The replica as an editor sees it: its ProseMirror document and the binding's mapping. */
function view(doc: Y.Doc) {
  const type = doc.getXmlFragment(DOCUMENT_FIELD);
  const { doc: pmDoc, mapping } = initProseMirrorDoc(type, schema);
  const binding: TYBinding = { doc, type, mapping };
  return { pmDoc, binding };
}

/** The paragraph's Y.XmlText, to edit a replica as a remote client would. */
function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  const paragraph = doc.getXmlFragment(DOCUMENT_FIELD).get(index) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

/** Anchors `text` (found in the document) on replica `doc`. */
function anchorOn(doc: Y.Doc, text: string): TCommentAnchor {
  const { pmDoc, binding } = view(doc);
  let from = -1;
  pmDoc.descendants((node, pos) => {
    const at = node.isText ? (node.text ?? "").indexOf(text) : -1;
    if (from === -1 && at >= 0) from = pos + at;
  });
  expect(from).toBeGreaterThan(0);
  return commentAnchor(binding, from, from + text.length);
}

/** The anchored text as replica `doc` now shows it, or null when it is gone. */
function anchoredText(doc: Y.Doc, anchor: TCommentAnchor): string | null {
  const { pmDoc, binding } = view(doc);
  const range = commentRange(binding, anchor);
  return range && pmDoc.textBetween(range.from, range.to, "\n");
}

describe("comment anchors", () => {
  const opening = "Thank you, Chair. ";
  const closing = " We thank you.";

  it("resolve to the same text on the replica that made them and on the other", () => {
    const { a, b } = twoReplicas([opening + SENTENCE + closing]);
    const anchor = anchorOn(a, SENTENCE);
    expect(anchoredText(a, anchor)).toBe(SENTENCE);
    expect(anchoredText(b, anchor)).toBe(SENTENCE);
  });

  it("keep their text through concurrent inserts before and after the range", () => {
    const { a, b, sync } = twoReplicas([opening + SENTENCE + closing]);
    const anchor = anchorOn(a, SENTENCE);
    paragraphText(a, 0).insert(0, "Distinguished delegates, ");
    paragraphText(b, 0).insert(opening.length + SENTENCE.length, " Strongly.");
    // At the very edges too: text typed against the range stays outside it.
    paragraphText(b, 0).insert(opening.length, "[");
    paragraphText(a, 0).insert("Distinguished delegates, ".length + opening.length + SENTENCE.length, "]");
    sync();
    expect(paragraphText(a, 0).toString()).toBe(paragraphText(b, 0).toString());
    expect(anchoredText(a, anchor)).toBe(SENTENCE);
    expect(anchoredText(b, anchor)).toBe(SENTENCE);
  });

  it("widen with an insert inside and shrink with deletes inside, before and after, made concurrently", () => {
    const { a, b, sync } = twoReplicas([opening + SENTENCE + closing]);
    const anchor = anchorOn(b, SENTENCE);
    const inside = opening.length + "We urge ".length;
    paragraphText(a, 0).delete(opening.length + SENTENCE.length + 1, "We ".length);
    paragraphText(a, 0).insert(inside, "all ");
    paragraphText(b, 0).delete(0, "Thank you, ".length);
    paragraphText(b, 0).delete("Chair. We urge delegations to ".length, "protect ".length);
    sync();
    expect(paragraphText(a, 0).toString()).toBe("Chair. We urge all delegations to encryption. thank you.");
    expect(anchoredText(a, anchor)).toBe("We urge all delegations to encryption.");
    expect(anchoredText(b, anchor)).toBe("We urge all delegations to encryption.");
  });

  it("shrink to what is left when a delete crosses either edge", () => {
    const { a, b, sync } = twoReplicas([opening + SENTENCE + closing]);
    const anchor = anchorOn(a, SENTENCE);
    paragraphText(a, 0).delete("Thank you, ".length, "Chair. We urge ".length);
    paragraphText(b, 0).delete(
      opening.length + SENTENCE.length - "encryption.".length,
      "encryption. We".length,
    );
    sync();
    expect(anchoredText(a, anchor)).toBe("delegations to protect ");
    expect(anchoredText(b, anchor)).toBe("delegations to protect ");
  });

  it("follow their text when paragraphs are added before and the range spans paragraphs", () => {
    const { a, b, sync } = twoReplicas(["First.", "Second paragraph.", "Third."]);
    const { pmDoc, binding } = view(a);
    // From "paragraph." in the second paragraph to "Third" in the third.
    let second = 0;
    pmDoc.forEach((_node, offset, index) => {
      if (index === 1) second = offset;
    });
    const from = second + 1 + "Second ".length;
    const to = from + "paragraph.".length + 2 + "Third".length;
    const anchor = commentAnchor(binding, from, to);
    expect(anchoredText(a, anchor)).toBe("paragraph.\nThird");
    const fragment = b.getXmlFragment(DOCUMENT_FIELD);
    const added = new Y.XmlElement("paragraph");
    added.insert(0, [new Y.XmlText("A new opening paragraph.")]);
    fragment.insert(0, [added]);
    paragraphText(a, 2).insert(0, "The ");
    sync();
    expect(anchoredText(a, anchor)).toBe("paragraph.\nThe Third");
    expect(anchoredText(b, anchor)).toBe("paragraph.\nThe Third");
  });

  it("hold at the very start of the document", () => {
    const { a, b, sync } = twoReplicas([SENTENCE]);
    const anchor = anchorOn(a, "We urge");
    paragraphText(b, 0).insert(0, "Chair, ");
    sync();
    expect(anchoredText(a, anchor)).toBe("We urge");
  });

  it("are gone when their text is wholly deleted, concurrently with an insert elsewhere", () => {
    const { a, b, sync } = twoReplicas([opening + SENTENCE + closing]);
    const anchor = anchorOn(a, SENTENCE);
    paragraphText(b, 0).delete(opening.length, SENTENCE.length);
    paragraphText(a, 0).insert(0, "Chair: ");
    sync();
    expect(anchoredText(a, anchor)).toBeNull();
    expect(anchoredText(b, anchor)).toBeNull();
  });

  it("are gone when the paragraph holding them is deleted", () => {
    const { a, b, sync } = twoReplicas(["Keep this.", SENTENCE, "And this."]);
    const anchor = anchorOn(a, "protect encryption");
    b.getXmlFragment(DOCUMENT_FIELD).delete(1, 1);
    sync();
    expect(anchoredText(a, anchor)).toBeNull();
    expect(view(a).pmDoc.textContent).toBe("Keep this.And this.");
  });

  it("are gone, not an error, for an anchor that does not decode", () => {
    const { a } = twoReplicas([SENTENCE]);
    expect(anchoredText(a, { start: "%%%", end: "AAAA" })).toBeNull();
  });
});

/** The ProseMirror position of `text`'s first character in replica `doc`. */
function positionOf(doc: Y.Doc, text: string): number {
  let from = -1;
  view(doc).pmDoc.descendants((node, pos) => {
    const at = node.isText ? (node.text ?? "").indexOf(text) : -1;
    if (from === -1 && at >= 0) from = pos + at;
  });
  return from;
}

describe("the anchor codec", () => {
  it("round-trips a relative position through base64", () => {
    const doc = new Y.Doc();
    const text = doc.getText("t");
    text.insert(0, "Madam Chair");
    const encoded = encodePosition(Y.createRelativePositionFromTypeIndex(text, 6, -1));
    expect(encoded).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const decoded = decodePosition(encoded);
    expect(decoded && Y.createAbsolutePositionFromRelativePosition(decoded, doc)).toMatchObject({
      index: 6,
      assoc: -1,
    });
    expect(isEncodedAnchor(encoded)).toBe(true);
  });

  it("says null, not an error, for what does not decode", () => {
    expect(decodePosition("%%%")).toBeNull();
    expect(isEncodedAnchor("%%%")).toBe(false);
    const { a } = twoReplicas([SENTENCE]);
    expect(resolveAnchor(view(a).binding, "%%%")).toBeNull();
  });

  it("ties an insertion point to the text before it, so text typed after it stays after", () => {
    const greeting = "Thank you, Chair. ";
    const { a, b, sync } = twoReplicas([greeting + SENTENCE]);
    const at = positionOf(a, SENTENCE);
    const anchor = anchorAt(view(a).binding, at, -1);
    paragraphText(b, 0).insert(greeting.length, "[typed] ");
    sync();
    expect(resolveAnchor(view(a).binding, anchor)).toBe(at);
    const start = anchorAt(view(a).binding, positionOf(a, SENTENCE), 0);
    paragraphText(b, 0).insert(0, "Yes. ");
    sync();
    expect(resolveAnchor(view(b).binding, start)).toBe(positionOf(b, SENTENCE));
  });

  it("answers null past the document's size, or in a deleted paragraph when asked to", () => {
    // Without garbage collection (as under undo), a deleted paragraph's text is still there to find.
    const { a, b, sync } = twoReplicas(["Keep this.", SENTENCE], false);
    const anchor = anchorAt(view(a).binding, positionOf(a, "encryption"), 0);
    const at = resolveAnchor(view(a).binding, anchor) as number;
    expect(resolveAnchor(view(a).binding, anchor, { docSize: at - 1 })).toBeNull();
    const before = view(a).binding;
    b.getXmlFragment(DOCUMENT_FIELD).delete(1, 1);
    sync();
    const relative = decodePosition(anchor) as Y.RelativePosition;
    expect(resolvePosition(before, relative)).not.toBeNull();
    expect(resolvePosition(before, relative, { dropDeleted: true })).toBeNull();
  });
});
