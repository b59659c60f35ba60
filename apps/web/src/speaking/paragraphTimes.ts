import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { type EditorState, Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";

/** Each read-aloud paragraph's badge (short, e.g. "0:12") and tooltip; null for none. */
export type TParagraphLabels = ({ badge: string; title: string } | null)[];

const key = new PluginKey<DecorationSet>("paragraphTimes");

/** Blocks that count as paragraphs, as `readAloudParagraphs` in @caucus/shared reads them. */
const TEXT_BLOCKS = new Set(["paragraph", "heading"]);

/**
 * The positions of the paragraphs `readAloudParagraphs` reads, in the same
 * order (so paragraph i of an estimate is block i here): every paragraph
 * and heading, also inside lists and quotes; with `skipCoverPage`, none
 * before the first top-level horizontal rule.
 */
export function readAloudBlocks(
  doc: ProseMirrorNode,
  skipCoverPage: boolean,
): { from: number; to: number }[] {
  let firstRule = -1;
  if (skipCoverPage)
    doc.forEach((node, _offset, index) => {
      if (firstRule < 0 && node.type.name === "horizontalRule") firstRule = index;
    });
  const blocks: { from: number; to: number }[] = [];
  doc.forEach((top, offset, index) => {
    if (index <= firstRule) return;
    const visit = (node: ProseMirrorNode, pos: number) => {
      if (TEXT_BLOCKS.has(node.type.name)) {
        blocks.push({ from: pos, to: pos + node.nodeSize });
        return false;
      }
      return true;
    };
    if (visit(top, offset)) top.descendants((node, pos) => visit(node, offset + 1 + pos));
  });
  return blocks;
}

/**
 * Shows each paragraph's speaking time at its end (a CSS badge from the
 * `data-speaking-time` attribute, with the words in its tooltip), so the
 * team sees what to cut. Labels are set from outside with
 * {@link setParagraphTimes} each time the meter recomputes; in between,
 * edits only move them along.
 */
export function paragraphTimesPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, decorations) {
        const next = tr.getMeta(key) as { labels: TParagraphLabels; skipCoverPage: boolean } | undefined;
        if (!next) return decorations.map(tr.mapping, tr.doc);
        const made: Decoration[] = [];
        readAloudBlocks(tr.doc, next.skipCoverPage).forEach((block, i) => {
          const label = next.labels[i];
          if (label) {
            made.push(
              Decoration.node(block.from, block.to, {
                "data-speaking-time": label.badge,
                title: label.title,
              }),
            );
          }
        });
        return DecorationSet.create(tr.doc, made);
      },
    },
    props: {
      decorations: (state) => key.getState(state),
    },
  });
}

/** The editor extension that carries {@link paragraphTimesPlugin}. */
export const ParagraphTimes = Extension.create({
  name: "paragraphTimes",
  addProseMirrorPlugins: () => [paragraphTimesPlugin()],
});

/** The badges currently shown. */
export function paragraphTimeDecorations(state: EditorState): DecorationSet | undefined {
  return key.getState(state);
}

/** Replaces the paragraph badges (an empty list removes them). Not an edit: nothing to undo or sync. */
export function setParagraphTimes(
  view: Pick<EditorView, "state" | "dispatch">,
  labels: TParagraphLabels,
  skipCoverPage: boolean,
): void {
  view.dispatch(view.state.tr.setMeta(key, { labels, skipCoverPage }).setMeta("addToHistory", false));
}
