import { Editor, getSchema, type JSONContent } from "@tiptap/core";
import { Node, Slice, type TagParseRule } from "@tiptap/pm/model";
import type { EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { describe, expect, it, vi } from "vitest";
import { documentExtensions } from "./schema.js";
import { findWebAddresses } from "./webAddresses.js";

// Tiptap's keymap asks the navigator which platform it runs on; Node 20 has none.
vi.stubGlobal("navigator", { platform: "Linux x86_64", userAgent: "Node.js" });

const schema = getSchema(documentExtensions());
const link = schema.marks.link as NonNullable<(typeof schema.marks)["link"]>;
const linkRule = link.spec.parseDOM?.[0] as TagParseRule;

/** What the schema makes of an `<a>` with these attributes (no DOM here: only getAttribute is read). */
function parseAnchor(attributes: Record<string, string>) {
  const anchor = { getAttribute: (name: string) => attributes[name] ?? null } as unknown as HTMLElement;
  return linkRule.getAttrs?.(anchor);
}

/** The `<a>` attributes a link mark is drawn with. */
function rendered(attrs: Record<string, unknown>) {
  const spec = link.spec.toDOM?.(link.create(attrs), true) as [string, Record<string, unknown>, 0];
  return spec[1];
}

/**
 * A headless editor on the document schema with its plugins running, as
 * mounting would give it: transactions dispatched here pass through the
 * automatic links and the paste rules.
 */
function editorWith(content: JSONContent): Editor {
  const editor = new Editor({ element: null, extensions: documentExtensions(), content });
  editor.view.updateState(editor.state.reconfigure({ plugins: editor.extensionManager.plugins }));
  return editor;
}

function paragraph(text: string): JSONContent {
  return { type: "doc", content: [{ type: "paragraph", content: text ? [{ type: "text", text }] : [] }] };
}

/** Types `keys` at the cursor, one transaction a key, as a keyboard does. */
function type(editor: Editor, keys: string): void {
  for (const key of keys) editor.view.dispatch(editor.state.tr.insertText(key));
}

/** Pastes plain `text` over the selection, as ProseMirror does once no paste handler took it. */
function paste(editor: Editor, text: string): void {
  const slice = new Slice(Node.fromJSON(editor.schema, paragraph(text)).content, 1, 1);
  const view = editor.view as unknown as EditorView;
  const handled = editor.state.plugins.some((plugin) =>
    plugin.props.handlePaste?.call(plugin, view, {} as ClipboardEvent, slice),
  );
  if (!handled) view.dispatch(editor.state.tr.replaceSelection(slice).setMeta("uiEvent", "paste"));
}

/** Each linked run of text in the document and its href. */
function links(editor: Editor): [string, string][] {
  const found: [string, string][] = [];
  editor.state.doc.descendants((node) => {
    const mark = node.marks.find((candidate) => candidate.type.name === "link");
    if (mark) found.push([node.text ?? "", mark.attrs.href]);
  });
  return found;
}

describe("the link mark", () => {
  it("reads the links of documents written with Tiptap's Link extension, attributes and all", () => {
    expect(parseAnchor({ href: "https://www.ohchr.org" })).toEqual({ href: "https://www.ohchr.org" });
    const anchor = {
      href: "https://www.ohchr.org",
      target: "_self",
      rel: "noopener",
      class: "source",
      title: "OHCHR",
    };
    expect(parseAnchor(anchor)).toEqual(anchor);
    expect(rendered(anchor)).toEqual(anchor);
    const stored = Node.fromJSON(schema, {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "OHCHR",
              marks: [
                {
                  type: "link",
                  attrs: {
                    href: "https://www.ohchr.org",
                    target: "_blank",
                    rel: "noopener noreferrer nofollow",
                    class: null,
                    title: null,
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    const mark = stored.firstChild?.firstChild?.marks[0];
    expect(mark?.attrs).toEqual({
      href: "https://www.ohchr.org",
      target: "_blank",
      rel: "noopener noreferrer nofollow",
      class: null,
      title: null,
    });
    expect(rendered(mark?.attrs ?? {})).toEqual({
      href: "https://www.ohchr.org",
      target: "_blank",
      rel: "noopener noreferrer nofollow",
      class: null,
      title: null,
    });
    expect(link.create().attrs).toEqual({
      href: null,
      target: "_blank",
      rel: "noopener noreferrer nofollow",
      class: null,
      title: null,
    });
  });

  it("refuses script and data addresses when reading HTML and when drawing a stored link", () => {
    for (const href of [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<b>x</b>",
      "vbscript:msgbox",
    ]) {
      expect(parseAnchor({ href }), href).toBe(false);
      expect(rendered({ href }).href, href).toBe("");
    }
    expect(parseAnchor({ href: "" })).toBe(false);
    for (const href of [
      "https://www.un.org",
      "mailto:office@example.org",
      "tel:+41229179000",
      "/documents/1",
      "#item-3",
    ]) {
      expect(parseAnchor({ href }), href).toEqual({ href });
      expect(rendered({ href }).href, href).toBe(href);
    }
  });

  it("sets and removes a link by command, but never to an unsafe address", () => {
    const editor = editorWith(paragraph("the treaty body"));
    editor.commands.setTextSelection({ from: 5, to: 11 });
    expect(editor.commands.setLink({ href: "javascript:alert(1)" })).toBe(false);
    expect(links(editor)).toEqual([]);
    expect(editor.commands.setLink({ href: "https://www.ohchr.org" })).toBe(true);
    expect(links(editor)).toEqual([["treaty", "https://www.ohchr.org"]]);
    editor.commands.setTextSelection(7);
    editor.commands.unsetLink();
    expect(links(editor)).toEqual([]);
    editor.destroy();
  });
});

describe("automatic links", () => {
  it("links a typed address once a space follows it", () => {
    const editor = editorWith(paragraph("See "));
    editor.commands.setTextSelection(5);
    type(editor, "https://www.ohchr.org/en/treaty-bodies");
    expect(links(editor)).toEqual([]);
    type(editor, " and");
    expect(links(editor)).toEqual([
      ["https://www.ohchr.org/en/treaty-bodies", "https://www.ohchr.org/en/treaty-bodies"],
    ]);
    editor.destroy();
  });

  it("links a typed www. address over https when Enter follows it, without the sentence's full stop", () => {
    const editor = editorWith(paragraph(""));
    editor.commands.setTextSelection(1);
    type(editor, "Details at www.un.org.");
    editor.commands.splitBlock();
    expect(links(editor)).toEqual([["www.un.org", "https://www.un.org"]]);
    editor.destroy();
  });

  it("keeps a link someone set by hand on an address", () => {
    const editor = editorWith(paragraph("https://www.un.org"));
    editor.commands.setTextSelection({ from: 1, to: 19 });
    editor.commands.setLink({ href: "https://www.un.org/en/about-us" });
    editor.commands.setTextSelection(19);
    type(editor, " ");
    // (The space joins the link, which is inclusive like Tiptap's.)
    expect(links(editor)).toEqual([["https://www.un.org ", "https://www.un.org/en/about-us"]]);
    editor.destroy();
  });

  it("leaves words that are not web addresses alone", () => {
    const editor = editorWith(paragraph(""));
    editor.commands.setTextSelection(1);
    type(editor, "Article 5.2 of the draft, e.g. unhttps://x.org or www.un and example.org ");
    expect(links(editor)).toEqual([]);
    editor.destroy();
  });

  it("links the addresses in pasted text", () => {
    const editor = editorWith(paragraph("Sources: "));
    editor.commands.setTextSelection(10);
    paste(editor, "https://www.ohchr.org and (https://en.wikipedia.org/wiki/Geneva_(city)).");
    expect(links(editor)).toEqual([
      ["https://www.ohchr.org", "https://www.ohchr.org"],
      ["https://en.wikipedia.org/wiki/Geneva_(city)", "https://en.wikipedia.org/wiki/Geneva_(city)"],
    ]);
    editor.destroy();
  });

  it("links selected text when a web address is pasted over it, keeping the text", () => {
    const editor = editorWith(paragraph("the Human Rights Council"));
    editor.commands.setTextSelection({ from: 5, to: 25 });
    paste(editor, "https://www.ohchr.org/en/hrbodies/hrc");
    expect(editor.state.doc.textContent).toBe("the Human Rights Council");
    expect(links(editor)).toEqual([["Human Rights Council", "https://www.ohchr.org/en/hrbodies/hrc"]]);

    // Other text pasted over a selection replaces it, as ever.
    editor.commands.setTextSelection({ from: 1, to: 4 });
    paste(editor, "our");
    expect(editor.state.doc.textContent).toBe("our Human Rights Council");
    editor.destroy();
  });
});

describe("automatic links between co-drafters", () => {
  it("leaves a co-drafter's typed address as it came (y-tiptap marks their edits isChangeOrigin), and an undo too", () => {
    // Linking it here would rewrite their text under this editor's name; a
    // reader's or commenter's editor would send an edit the server refuses.
    const editor = editorWith(paragraph(""));
    const remote = (text: string, isUndoRedoOperation = false) =>
      editor.view.dispatch(
        editor.state.tr
          .insertText(text, editor.state.doc.content.size - 1)
          .setMeta(ySyncPluginKey, { isChangeOrigin: true, isUndoRedoOperation }),
      );
    for (const key of "see www.un.org ") remote(key);
    remote("and https://www.ohchr.org/en ", true);
    expect(editor.state.doc.textContent).toBe("see www.un.org and https://www.ohchr.org/en ");
    expect(links(editor)).toEqual([]);

    // This editor's own typing is still linked.
    editor.commands.setTextSelection(editor.state.doc.content.size - 1);
    type(editor, "www.who.int ");
    expect(links(editor)).toEqual([["www.who.int", "https://www.who.int"]]);
    editor.destroy();
  });
});

describe("findWebAddresses", () => {
  it("finds http(s) and www. addresses, without the punctuation around them", () => {
    expect(findWebAddresses('See https://un.org/a?b=1#c, "www.ohchr.org"; http://localhost:8787/x!')).toEqual(
      [
        { index: 4, text: "https://un.org/a?b=1#c", href: "https://un.org/a?b=1#c" },
        { index: 29, text: "www.ohchr.org", href: "https://www.ohchr.org" },
        { index: 45, text: "http://localhost:8787/x", href: "http://localhost:8787/x" },
      ],
    );
    expect(findWebAddresses("(see https://example.org/a_(b)) and https://example.org/c)")).toEqual([
      { index: 5, text: "https://example.org/a_(b)", href: "https://example.org/a_(b)" },
      { index: 36, text: "https://example.org/c", href: "https://example.org/c" },
    ]);
    expect(findWebAddresses("https:// www.x example.org mailto:a@b.org")).toEqual([]);
  });
});
