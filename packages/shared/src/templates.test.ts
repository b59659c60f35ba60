import { describe, expect, it } from "vitest";
import { isEditorJson } from "./templates.js";

describe("isEditorJson", () => {
  it("takes editor JSON all the way down", () => {
    const doc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          attrs: { dir: "auto" },
          content: [{ type: "text", text: "Hi", marks: [{ type: "bold" }] }],
        },
        { type: "paragraph" },
      ],
    };
    expect(isEditorJson(doc)).toBe(true);
  });

  it("refuses a node anywhere that is not one", () => {
    expect(isEditorJson(null)).toBe(false);
    expect(isEditorJson([{ type: "doc" }])).toBe(false);
    expect(isEditorJson({ type: 1 })).toBe(false);
    expect(isEditorJson({ type: "doc", content: [{ type: "paragraph", content: [null] }] })).toBe(false);
    expect(isEditorJson({ type: "doc", content: { type: "paragraph" } })).toBe(false);
    expect(isEditorJson({ type: "text", text: 3 })).toBe(false);
    expect(isEditorJson({ type: "text", text: "a", marks: ["bold"] })).toBe(false);
    expect(isEditorJson({ type: "paragraph", attrs: "ltr" })).toBe(false);
  });

  it("walks deep nesting without recursion", () => {
    let node: unknown = { type: "text", text: "deep" };
    for (let depth = 0; depth < 100_000; depth++) node = { type: "blockquote", content: [node] };
    expect(isEditorJson(node)).toBe(true);
  });
});
