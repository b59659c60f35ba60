import type { TAttemptedEdit } from "@caucus/shared/editor";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import { ReplaceStep } from "@tiptap/pm/transform";

/** The edit a transaction tries to make, as one replaced range of the old text; null if it is not text. */
export function attemptedEdit(tr: Transaction, state: EditorState): TAttemptedEdit | null {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i];
    // Formatting, attributes, moving blocks: not something a suggestion can say.
    if (!(step instanceof ReplaceStep)) return null;
    const back = tr.mapping.slice(0, i).invert();
    from = Math.min(from, back.map(step.from, -1));
    to = Math.max(to, back.map(step.to, 1));
  }
  if (from > to) return null;
  // Suggestions are plain text: paragraphs pasted are joined by a space, and a split alone is no text.
  const inserted = tr.doc.textBetween(tr.mapping.map(from, -1), tr.mapping.map(to, 1), "\n", " ");
  const text = inserted.replace(/\n/g, "") === "" ? "" : inserted.replace(/\n+/g, " ");
  // Splitting or joining paragraphs alone changes no text.
  if (text === "" && state.doc.textBetween(from, to, "") === "") return null;
  return { from, to, text, caret: state.selection.empty ? state.selection.head : null };
}
