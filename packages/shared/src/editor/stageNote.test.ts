import { getSchema } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { EditorState, TextSelection } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { documentExtensions } from "./schema.js";
import { unmarkTypedOverNote } from "./stageNote.js";

const schema = getSchema(documentExtensions());
const note = schema.marks.stageNote as NonNullable<(typeof schema.marks)["stageNote"]>;

/** A document of paragraphs; a part in [brackets] is a stage note. */
function doc(...paragraphs: string[]): Node {
  return Node.fromJSON(schema, {
    type: "doc",
    content: paragraphs.map((text) => ({
      type: "paragraph",
      content: text
        .split(/(\[[^\]]*\])/)
        .filter(Boolean)
        .map((part) =>
          part.startsWith("[")
            ? { type: "text", text: part.slice(1, -1), marks: [{ type: "stageNote" }] }
            : { type: "text", text: part },
        ),
    })),
  });
}

/** The paragraphs of `node`, stage notes in [brackets] again. */
function written(node: Node): string[] {
  const out: string[] = [];
  node.forEach((paragraph) => {
    let text = "";
    paragraph.forEach((child) => {
      text += note.isInSet(child.marks) ? `[${child.text}]` : child.text;
    });
    out.push(text);
  });
  return out;
}

/** Where `selected` starts in `start`. */
function find(start: Node, selected: string): number {
  let from = -1;
  start.descendants((node, pos) => {
    if (from < 0 && node.isText && node.text?.includes(selected))
      from = pos + (node.text?.indexOf(selected) ?? 0);
  });
  return from;
}

/**
 * Types `keys` one by one over `from`–`to`, as ProseMirror does (the first
 * key replaces the selection and takes its marks, the next ones the marks
 * at the cursor), with the plugin appending its transaction after each.
 */
function type(start: Node, from: number, to: number, keys: string): Node {
  let state = EditorState.create({ doc: start, selection: TextSelection.create(start, from, to) });
  for (const key of keys) {
    const { from: at, to: end } = state.selection;
    const tr = state.tr.insertText(key, at, end);
    const next = state.apply(tr);
    const fix = unmarkTypedOverNote([tr], state, next, note);
    state = fix ? next.apply(fix) : next;
  }
  return state.doc;
}

const typeOver = (start: Node, selected: string, keys: string) => {
  const from = find(start, selected);
  return written(type(start, from, from + selected.length, keys));
};

describe("typing over a stage note", () => {
  const template = doc("Thank you, Chair.", "[Who we speak for; our main point.]", "Thank you.");

  it("replaces a whole note with spoken text, every key of it", () => {
    expect(typeOver(template, "Who we speak for; our main point.", "We speak")).toEqual([
      "Thank you, Chair.",
      "We speak",
      "Thank you.",
    ]);
  });

  it("keeps a note when only part of it is typed over, or when typing inside one", () => {
    expect(typeOver(template, "our main point", "x")).toEqual([
      "Thank you, Chair.",
      "[Who we speak for; x.]",
      "Thank you.",
    ]);
    expect(written(type(doc("Said [pause here] then"), 8, 8, "x"))).toEqual(["Said [paxuse here] then"]);
  });

  it("leaves a selection of speech and note to the editor as usual", () => {
    // "Said " and "pause": positions 1 to 11 of the paragraph.
    expect(written(type(doc("Said [pause] then"), 1, 11, "x"))).toEqual(["x then"]);
  });

  it("replaces a whole note inside a spoken sentence with speech", () => {
    expect(
      typeOver(doc("Thank you, [name of the Chair], for the floor."), "name of the Chair", "Ambassador"),
    ).toEqual(["Thank you, Ambassador, for the floor."]);
  });
});
