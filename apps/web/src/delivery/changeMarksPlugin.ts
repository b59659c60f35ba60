import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { markChange, passMarks, type TChangeMark } from "./changeMarks";
import { changedRange, type TChangedRange } from "./readingPosition";

/** A paragraph or heading of the document, with where it starts. */
export interface TTextblock {
  node: PMNode;
  pos: number;
}

/**
 * The document's paragraphs and headings in order, inside lists and quotes
 * too: the same paragraphs, in the same order, that readAloudParagraphs
 * returns, so index i here is paragraph i of the estimate.
 */
export function textblocksOf(doc: PMNode): TTextblock[] {
  const blocks: TTextblock[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      blocks.push({ node, pos });
      return false;
    }
    return true;
  });
  return blocks;
}

/** The selector for the same paragraphs in the rendered text. */
export const TEXTBLOCK_SELECTOR = "p, h1, h2, h3, h4, h5, h6";

interface TMarksState {
  marks: TChangeMark[];
  generation: number;
  /** Off until the first full sync, so the text arriving on open is not all "changed". */
  watching: boolean;
  readerAt: number;
  /** What the last document change replaced; read by the scroll anchoring. */
  lastRange: TChangedRange | null;
  decorations: DecorationSet;
}

/** Meta for a transaction to this plugin: start watching, or the reader moved. */
export type TMarksMeta = { watch: true } | { readerAt: number };

export const changeMarksKey = new PluginKey<TMarksState>("deliveryChangeMarks");

/** The doc before y-tiptap first renders the shared text: one empty paragraph. */
function isBlank(doc: PMNode): boolean {
  return doc.childCount <= 1 && doc.textContent === "";
}

function decorate(doc: PMNode, marks: readonly TChangeMark[]): DecorationSet {
  if (marks.length === 0) return DecorationSet.empty;
  const blocks = textblocksOf(doc);
  const decorations: Decoration[] = [];
  for (const mark of marks) {
    const block = blocks[mark.index];
    if (!block) continue;
    decorations.push(
      Decoration.node(block.pos, block.pos + block.node.nodeSize, {
        class: `delivery-changed delivery-changed--flash-${mark.generation % 2}`,
        "data-changed": "",
      }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

/**
 * Marks, in the delivery view, each paragraph a co-drafter changes: a
 * flash, then a marker in the margin until the reader has read past it.
 * Works on the document's paragraphs rather than on transaction steps,
 * because y-tiptap applies a remote change by replacing the whole
 * document (unchanged paragraphs keep their nodes, so comparing them is
 * cheap and exact).
 */
export const DeliveryChangeMarks = Extension.create({
  name: "deliveryChangeMarks",
  addProseMirrorPlugins() {
    return [
      new Plugin<TMarksState>({
        key: changeMarksKey,
        state: {
          init: () => ({
            marks: [],
            generation: 0,
            watching: false,
            readerAt: 0,
            lastRange: null,
            decorations: DecorationSet.empty,
          }),
          apply(tr, value, oldState, newState) {
            const meta = tr.getMeta(changeMarksKey) as TMarksMeta | undefined;
            let next = value;
            if (meta && "watch" in meta) next = { ...next, watching: true };
            if (meta && "readerAt" in meta) {
              const marks = passMarks(next.marks, meta.readerAt);
              next = { ...next, readerAt: meta.readerAt, marks };
            }
            if (tr.docChanged) {
              const range = changedRange(textblocksOf(oldState.doc), textblocksOf(newState.doc), (a, b) =>
                a.node.eq(b.node),
              );
              const length = textblocksOf(newState.doc).length;
              let marks = next.marks;
              let generation = next.generation;
              if (range && next.watching && !isBlank(oldState.doc)) {
                generation++;
                marks = markChange(marks, range, length, next.readerAt, generation);
              }
              return {
                ...next,
                marks,
                generation,
                lastRange: range,
                decorations: decorate(newState.doc, marks),
              };
            }
            if (next.marks !== value.marks)
              return { ...next, decorations: decorate(newState.doc, next.marks) };
            return next;
          },
        },
        props: {
          decorations: (state) => changeMarksKey.getState(state)?.decorations,
        },
      }),
    ];
  },
});
