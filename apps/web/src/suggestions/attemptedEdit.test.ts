import { documentExtensions } from "@caucus/shared/editor";
import { getSchema } from "@tiptap/core";
import { Slice } from "@tiptap/pm/model";
import { EditorState, TextSelection } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { attemptedEdit } from "./attemptedEdit";

const schema = getSchema(documentExtensions());

/** "The States shall protect." then "Second." as two paragraphs; text starts at 1. */
function state(selection: [number, number] = [5, 5]): EditorState {
  const doc = schema.node("doc", null, [
    schema.node("paragraph", null, [schema.text("The States shall protect.")]),
    schema.node("paragraph", null, [schema.text("Second.")]),
  ]);
  const start = EditorState.create({ doc, schema });
  return start.apply(start.tr.setSelection(TextSelection.create(doc, ...selection)));
}

describe("attemptedEdit", () => {
  it("reads typing, Backspace and a replaced selection as one range of the old text", () => {
    const at = state();
    expect(attemptedEdit(at.tr.insertText("M"), at)).toEqual({ from: 5, to: 5, text: "M", caret: 5 });
    expect(attemptedEdit(at.tr.delete(4, 5), at)).toEqual({ from: 4, to: 5, text: "", caret: 5 });
    const selected = state([5, 11]);
    expect(attemptedEdit(selected.tr.insertText("Member States"), selected)).toEqual({
      from: 5,
      to: 11,
      text: "Member States",
      caret: null,
    });
  });

  it("reads a paste of two paragraphs as one line of text", () => {
    const at = state();
    const pasted = schema.node("doc", null, [
      schema.node("paragraph", null, [schema.text("One")]),
      schema.node("paragraph", null, [schema.text("two ")]),
    ]);
    const tr = at.tr.replaceSelection(new Slice(pasted.content, 1, 1));
    expect(attemptedEdit(tr, at)).toMatchObject({ from: 5, to: 5, text: "One two " });
  });

  it("ignores what is not text: formatting, and splitting or joining paragraphs", () => {
    const at = state();
    expect(attemptedEdit(at.tr.addMark(1, 4, schema.mark("bold")), at)).toBeNull();
    expect(attemptedEdit(at.tr.split(5), at)).toBeNull();
    const second = state([28, 28]);
    expect(attemptedEdit(second.tr.join(27), second)).toBeNull();
  });
});
