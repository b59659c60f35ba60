import { documentExtensions } from "@caucus/shared/editor";
import { Editor } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { alike, onEditorChange } from "./useEditorSelector";

/** An editor without a page (nothing is drawn in Node): transactions and their events still run. */
function headlessEditor(): Editor {
  return new Editor({
    element: null,
    extensions: documentExtensions(),
    content: {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Article 5" }] }],
    },
  });
}

describe("onEditorChange", () => {
  it("calls once per transaction, text or selection, and when editability changes, until stopped", () => {
    const editor = headlessEditor();
    let calls = 0;
    const stop = onEditorChange(editor, () => calls++);

    editor.view.dispatch(editor.state.tr.insertText("Draft ", 1));
    expect(calls).toBe(1);
    editor.commands.setTextSelection(3);
    expect(calls).toBe(2);
    editor.setEditable(false);
    expect(calls).toBe(3);

    stop();
    editor.view.dispatch(editor.state.tr.insertText("New ", 1));
    editor.setEditable(true);
    expect(calls).toBe(3);
    editor.destroy();
  });
});

describe("alike", () => {
  it("compares plain objects, arrays and primitives all the way down", () => {
    expect(
      alike(
        { bold: true, legend: [{ id: "a", colour: "#123" }] },
        { bold: true, legend: [{ id: "a", colour: "#123" }] },
      ),
    ).toBe(true);
    expect(alike({ bold: true, legend: [] }, { bold: true, legend: [{ id: "a" }] })).toBe(false);
    expect(alike({ refusal: null }, { refusal: "offline" })).toBe(false);
    expect(alike({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(alike({ a: undefined }, { b: undefined })).toBe(false);
    expect(alike([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(alike(Number.NaN, Number.NaN)).toBe(true);
    expect(alike(null, null)).toBe(true);
    expect(alike(null, {})).toBe(false);
  });
});
