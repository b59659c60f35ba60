import type { TCommentThread } from "@caucus/shared";
import { commentRange, editorBinding, isYjsChange } from "@caucus/shared/editor";
import { Extension } from "@tiptap/core";
import { type EditorState, Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

interface THighlights {
  threads: readonly TCommentThread[];
  active: string | null;
  decorations: DecorationSet;
}

/** What a transaction may tell the plugin: new threads, the thread in focus, or "comment on the selection". */
interface TMeta {
  threads?: readonly TCommentThread[];
  active?: string | null;
  compose?: true;
}

const key = new PluginKey<THighlights>("commentHighlights");

/**
 * Open threads' text, highlighted with decorations: nothing is written into
 * the document, so the Y.Doc (and a commenter's read-only socket) never
 * sees comments. Ranges are resolved from the anchors when the threads
 * change or another person's edit arrives, and mapped through this
 * editor's own edits in between (the same edges: text typed against a
 * range stays outside it).
 */
function commentHighlightsPlugin(): Plugin<THighlights> {
  return new Plugin<THighlights>({
    key,
    state: {
      init: () => ({ threads: [], active: null, decorations: DecorationSet.empty }),
      apply(tr, prev, _old, state) {
        const meta = tr.getMeta(key) as TMeta | undefined;
        if ((meta && (meta.threads || "active" in meta)) || isYjsChange(tr)) {
          const threads = meta?.threads ?? prev.threads;
          const active = meta && "active" in meta ? (meta.active ?? null) : prev.active;
          return { threads, active, decorations: highlights(state, threads, active) };
        }
        return tr.docChanged ? { ...prev, decorations: prev.decorations.map(tr.mapping, tr.doc) } : prev;
      },
    },
    props: {
      decorations: (state) => key.getState(state)?.decorations,
    },
  });
}

function highlights(
  state: EditorState,
  threads: readonly TCommentThread[],
  active: string | null,
): DecorationSet {
  const binding = editorBinding(state);
  if (!binding) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  for (const thread of threads) {
    if (thread.status !== "open") continue;
    const range = commentRange(binding, thread.anchor);
    if (!range || range.to > state.doc.content.size) continue;
    decorations.push(
      Decoration.inline(
        range.from,
        range.to,
        {
          class: thread.id === active ? "comment-highlight comment-highlight--active" : "comment-highlight",
          "data-thread-id": thread.id,
        },
        { threadId: thread.id },
      ),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

/** Gives the plugin the document's threads and the one in focus. */
export function showThreads(
  dispatch: (tr: Transaction) => void,
  state: EditorState,
  meta: { threads?: readonly TCommentThread[]; active?: string | null },
): void {
  dispatch(state.tr.setMeta(key, meta).setMeta("addToHistory", false));
}

/** Asks the comments panel to open a thread on the selection (toolbar button, shortcut). */
export function requestComment(dispatch: (tr: Transaction) => void, state: EditorState): void {
  dispatch(state.tr.setMeta(key, { compose: true } satisfies TMeta).setMeta("addToHistory", false));
}

/** Whether the transaction asks for a comment on the selection. */
export function asksForComment(tr: Transaction): boolean {
  return (tr.getMeta(key) as TMeta | undefined)?.compose === true;
}

/**
 * Where each highlighted thread's text is now (open threads whose text is
 * still there), by thread id: the panel's order and "text removed" read this.
 */
export function highlightedRanges(state: EditorState): Map<string, { from: number; to: number }> {
  const ranges = new Map<string, { from: number; to: number }>();
  for (const decoration of key.getState(state)?.decorations.find() ?? []) {
    const threadId = (decoration.spec as { threadId?: string }).threadId;
    if (threadId && decoration.to > decoration.from)
      ranges.set(threadId, { from: decoration.from, to: decoration.to });
  }
  return ranges;
}

/** The editor extension that carries the highlights. */
export const CommentHighlights = Extension.create({
  name: "commentHighlights",
  addProseMirrorPlugins: () => [commentHighlightsPlugin()],
});
