import { describe, expect, it } from "vitest";
import { ZSaveTemplate } from "../schemas.js";
import { MAX_TEMPLATE_BYTES } from "../templates.js";
import { readAloudParagraphs } from "./readAloud.js";
import { builtInTemplate, fillTemplate, templateProblem } from "./templateContent.js";

const paragraph = (text: string, marks?: { type: string }[]) => ({
  type: "paragraph",
  content: [{ type: "text", text, ...(marks ? { marks } : {}) }],
});

describe("templateProblem", () => {
  it("accepts the built-in templates and a document of the shared schema", () => {
    expect(templateProblem(builtInTemplate("intervention"))).toBeNull();
    expect(templateProblem(builtInTemplate("letter"))).toBeNull();
    expect(templateProblem({ type: "doc", content: [paragraph("Dear Ministers,")] })).toBeNull();
  });

  it("refuses nesting past MAX_TEMPLATE_DEPTH without walking it recursively, and U+0000", () => {
    let deep: unknown = 1;
    for (let level = 0; level < 50_000; level++) deep = { a: [deep] };
    expect(templateProblem({ type: "doc", content: [], attrs: deep })).toMatch(/nested too deeply/);
    // A list nested twenty deep is well within it.
    const item = (...content: object[]) => ({ type: "listItem", content: [paragraph("Item"), ...content] });
    let list = { type: "bulletList", content: [item()] };
    for (let level = 1; level < 20; level++) list = { type: "bulletList", content: [item(list)] };
    expect(templateProblem({ type: "doc", content: [list] })).toBeNull();
    expect(templateProblem({ type: "doc", content: [paragraph("Before\u0000after")] })).toMatch(/U\+0000/);
  });

  it("refuses unknown nodes and marks, wrong nesting, empty text and non-documents", () => {
    expect(templateProblem({ type: "doc", content: [{ type: "image" }] })).toMatch(/not a document/);
    expect(templateProblem({ type: "doc", content: [paragraph("x", [{ type: "comic" }])] })).toMatch(
      /not a document/,
    );
    expect(templateProblem({ type: "doc", content: [{ type: "text", text: "bare" }] })).toMatch(
      /not a document/,
    );
    expect(templateProblem({ type: "doc", content: [paragraph("")] })).toMatch(/not a document/);
    expect(templateProblem({ type: "paragraph" })).toMatch(/whole document/);
    expect(templateProblem("doc")).toMatch(/whole document/);
  });

  it("refuses a template over the size cap, and accepts one just under it", () => {
    const sized = (bytes: number) => {
      const empty = JSON.stringify({ type: "doc", content: [paragraph("")] }).length;
      return { type: "doc", content: [paragraph("a".repeat(bytes - empty))] };
    };
    expect(templateProblem(sized(MAX_TEMPLATE_BYTES))).toBeNull();
    expect(templateProblem(sized(MAX_TEMPLATE_BYTES + 1))).toMatch(/too long/);
  });

  it("is what ZSaveTemplate checks", () => {
    expect(ZSaveTemplate.safeParse({ content: builtInTemplate("statement") }).success).toBe(true);
    const bad = ZSaveTemplate.safeParse({ content: { type: "doc", content: [{ type: "table" }] } });
    expect(bad.success).toBe(false);
    expect(ZSaveTemplate.safeParse({ content: [] }).success).toBe(false);
  });
});

describe("fillTemplate", () => {
  it("fills forum, agenda item and title, keeping marks, and leaves the original alone", () => {
    const template = {
      type: "doc",
      content: [
        paragraph("{{forum}} — {{ agendaItem }}", [{ type: "stageNote" }]),
        paragraph("On {{title}}: thank you, Chair."),
      ],
    };
    const filled = fillTemplate(template, { forum: "HRC 61", agendaItem: "Item 3", title: "Our text" });
    expect(filled.content?.[0]?.content?.[0]).toEqual({
      type: "text",
      text: "HRC 61 — Item 3",
      marks: [{ type: "stageNote" }],
    });
    expect(readAloudParagraphs(filled)).toEqual(["", "On Our text: thank you, Chair."]);
    expect(template.content[0]?.content[0]?.text).toBe("{{forum}} — {{ agendaItem }}");
    expect(templateProblem(filled)).toBeNull();
  });

  it("removes placeholders with no value and what they leave behind, so the result still parses", () => {
    const filled = fillTemplate(
      {
        type: "doc",
        content: [
          paragraph("{{forum}}"),
          paragraph("[{{forum}} — {{agendaItem}}]"),
          paragraph("{{unknown}}"),
          paragraph("—"),
          { type: "paragraph", content: [] },
        ],
      },
      {},
    );
    // The two placeholder-only paragraphs go; an unknown placeholder, a typed dash and an empty line stay.
    expect(filled.content?.map((node) => node.content?.[0]?.text ?? "")).toEqual(["{{unknown}}", "—", ""]);
    expect(templateProblem(filled)).toBeNull();
    const half = fillTemplate(
      { type: "doc", content: [paragraph("[{{forum}} — {{agendaItem}}]")] },
      { forum: "HRC 61" },
    );
    expect(half.content?.[0]?.content?.[0]?.text).toBe("[HRC 61]");
    const middle = fillTemplate(
      { type: "doc", content: [paragraph("{{title}} — {{forum}} — {{agendaItem}}")] },
      {
        title: "Our text",
        agendaItem: "Item 4",
      },
    );
    expect(middle.content?.[0]?.content?.[0]?.text).toBe("Our text — Item 4");
  });
});
