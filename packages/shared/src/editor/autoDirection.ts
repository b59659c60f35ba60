import { Extension } from "@tiptap/core";

/** Block nodes whose direction follows their own text. */
const DIRECTED_NODES = ["paragraph", "heading", "listItem", "bulletList", "orderedList", "blockquote"];

/**
 * Renders `dir="auto"` on every block so that an Arabic paragraph reads
 * right-to-left and an English one left-to-right in the same document.
 *
 * Tiptap's own `textDirection: "auto"` option gives the `dir` attribute a
 * non-null default, which y-prosemirror then writes into every element of the
 * Y.Doc. This attribute defaults to null, so nothing is stored: direction is a
 * property of the text, computed by the browser on render.
 */
export const AutoDirection = Extension.create({
  name: "autoDirection",

  addGlobalAttributes() {
    return [
      {
        types: DIRECTED_NODES,
        attributes: {
          dir: {
            default: null,
            keepOnSplit: false,
            // Ignore `dir` on pasted HTML: the text decides, not the source page.
            parseHTML: () => null,
            renderHTML: () => ({ dir: "auto" }),
          },
        },
      },
    ];
  },
});
