import { documentExtensions, readAloudParagraphs } from "@caucus/shared/editor";
import { getSchema, type JSONContent } from "@tiptap/core";
import { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import {
  paragraphTimeDecorations,
  paragraphTimesPlugin,
  readAloudBlocks,
  setParagraphTimes,
} from "./paragraphTimes";

const schema = getSchema(documentExtensions());
const text = (value: string, marks: string[] = []): JSONContent => ({
  type: "text",
  text: value,
  ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}),
});
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const json: JSONContent = {
  type: "doc",
  content: [
    paragraph(text("Cover page")),
    { type: "horizontalRule" },
    { type: "heading", attrs: { level: 2 }, content: [text("Article 17")] },
    paragraph(text("Thank you, Chair. "), text("pause", ["stageNote"])),
    paragraph(),
    { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("first point"))] }] },
    { type: "blockquote", content: [paragraph(text("quoted"))] },
  ],
};
const doc = ProseMirrorNode.fromJSON(schema, json);
const blockTexts = (skipCoverPage: boolean) =>
  readAloudBlocks(doc, skipCoverPage).map(({ from, to }) => doc.textBetween(from, to));

describe("readAloudBlocks", () => {
  it("finds the paragraphs readAloudParagraphs reads, in the same order", () => {
    for (const skipCoverPage of [false, true]) {
      const read = readAloudParagraphs(json, { skipCoverPage });
      expect(blockTexts(skipCoverPage)).toHaveLength(read.length);
      // The same blocks: equal text once the stage note is left out.
      expect(blockTexts(skipCoverPage).map((t) => t.replace("pause", ""))).toEqual(read);
    }
    expect(blockTexts(true)[0]).toBe("Article 17");
  });
});

describe("paragraphTimesPlugin", () => {
  it("puts each label on its paragraph and keeps it there through an edit before it", () => {
    let state = EditorState.create({ doc, plugins: [paragraphTimesPlugin()] });
    const view = {
      get state() {
        return state;
      },
      dispatch: (tr: ReturnType<EditorState["tr"]["setMeta"]>) => {
        state = state.apply(tr);
      },
    };
    const labels = [null, null, { badge: "0:02", title: "2 s" }, null, { badge: "0:01", title: "1 s" }, null];
    setParagraphTimes(view, labels, false);
    const shown = () =>
      (paragraphTimeDecorations(state)?.find() ?? []).map((deco) => ({
        text: state.doc.textBetween(deco.from, deco.to),
        badge: (deco as unknown as { type: { attrs: Record<string, string> } }).type.attrs[
          "data-speaking-time"
        ],
      }));
    expect(shown()).toEqual([
      { text: "Thank you, Chair. pause", badge: "0:02" },
      { text: "first point", badge: "0:01" },
    ]);

    state = state.apply(state.tr.insertText("New ", 2));
    expect(shown()[0]).toEqual({ text: "Thank you, Chair. pause", badge: "0:02" });
    setParagraphTimes(view, [], false);
    expect(shown()).toEqual([]);
  });
});
