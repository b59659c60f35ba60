import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { readAloudParagraphs, textParagraphs } from "./readAloud.js";

const text = (value: string, marks: string[] = []): JSONContent => ({
  type: "text",
  text: value,
  ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}),
});
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });

describe("readAloudParagraphs", () => {
  it("reads paragraphs and headings in order, inside lists and quotes too, keeping empty ones", () => {
    const doc: JSONContent = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 1 }, content: [text("Oral statement")] },
        paragraph(text("Madam "), text("Chair", ["bold"]), text(",")),
        paragraph(),
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [paragraph(text("first"), { type: "hardBreak" }, text("point"))] },
          ],
        },
        { type: "blockquote", content: [paragraph(text("quoted"))] },
      ],
    };
    expect(readAloudParagraphs(doc)).toEqual(["Oral statement", "Madam Chair,", "", "first point", "quoted"]);
  });

  it("leaves out text marked as a stage note", () => {
    const doc: JSONContent = {
      type: "doc",
      content: [
        paragraph(text("[pause, look at the chair] ", ["stageNote"]), text("Thank you.", ["italic"])),
      ],
    };
    expect(readAloudParagraphs(doc)).toEqual(["Thank you."]);
    // A version keeps the whole text: a changed stage note is a change too.
    expect(textParagraphs(doc)).toEqual(["[pause, look at the chair] Thank you."]);
  });

  it("leaves out the cover page (before the first horizontal rule) only when asked", () => {
    const doc: JSONContent = {
      type: "doc",
      content: [
        paragraph(text("Submission by 40 organisations")),
        { type: "horizontalRule" },
        paragraph(text("Body.")),
      ],
    };
    expect(readAloudParagraphs(doc, { skipCoverPage: true })).toEqual(["Body."]);
    expect(readAloudParagraphs(doc)).toEqual(["Submission by 40 organisations", "Body."]);
    const noRule: JSONContent = { type: "doc", content: [paragraph(text("All of it."))] };
    expect(readAloudParagraphs(noRule, { skipCoverPage: true })).toEqual(["All of it."]);
  });

  it("reads an empty document as no paragraphs", () => {
    expect(readAloudParagraphs({ type: "doc" })).toEqual([]);
  });
});
