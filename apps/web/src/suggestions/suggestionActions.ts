import { Limits } from "@caucus/shared";
import {
  anchorAt,
  readSuggestion,
  renderedBinding,
  SUGGESTION_LIMITS,
  SUGGESTIONS_FIELD,
  suggestionBudgetPassed,
  type TSuggestion,
  type TSuggestionBudget,
  type TSuggestionPlan,
} from "@caucus/shared/editor";
import type { EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { TPlaced } from "./placement";

/** Origin of transactions that only add or remove suggestions: never undone with the text. */
export const SUGGESTION_ORIGIN = "caucus:suggestion";
/** Meta on the ProseMirror transaction that applies accepted suggestions, which suggesting mode lets through. */
export const ACCEPT_META = "caucus:acceptSuggestion";

export interface TSuggestionAuthor {
  id: string;
  name: string;
}

function suggestionsOf(ydoc: Y.Doc): Y.Map<unknown> {
  return ydoc.getMap(SUGGESTIONS_FIELD);
}

/** Why a suggestion was not written: the server would refuse it (and a commenter's client then stalls). */
export type TSuggestionRefusal = "tooLong" | "tooMany" | "notWellFormed" | "documentFull" | TSuggestionBudget;

/** How long a measured document size is trusted before measuring again. */
const SIZE_FRESH_MS = 5_000;
const measuredSizes = new WeakMap<Y.Doc, { bytes: number; at: number }>();

/**
 * Whether one more suggestion of `extraBytes` would take the document past
 * the share of its size limit that suggestions may fill (the server's
 * default limit; the server refuses past its own). Measured at most every
 * few seconds: encoding a large document on every keystroke would cost.
 */
function documentFull(ydoc: Y.Doc, extraBytes: number): boolean {
  const now = Date.now();
  let measured = measuredSizes.get(ydoc);
  if (!measured || now - measured.at > SIZE_FRESH_MS) {
    measured = { bytes: Y.encodeStateAsUpdate(ydoc).byteLength, at: now };
    measuredSizes.set(ydoc, measured);
  }
  return measured.bytes + extraBytes > Limits.maxDocumentBytes * SUGGESTION_LIMITS.maxDocumentShare;
}

/**
 * Carries out a plan from `planSuggestion`: withdraws the person's
 * entries it replaces and adds its successor, in one Yjs transaction (the
 * only shape a commenter's socket accepts: new keys and own deletions).
 * Checks first what the server checks, since a commenter's refused update
 * would hold back every later one: returns why it wrote nothing, or null.
 */
export function writePlan(
  view: EditorView,
  ydoc: Y.Doc,
  plan: TSuggestionPlan,
  own: TPlaced[],
  author: TSuggestionAuthor,
): TSuggestionRefusal | null {
  const binding = renderedBinding(view.state);
  if (!binding) return null;
  let entry: TSuggestion | null = null;
  if (plan.add) {
    const kept = plan.add.anchorsOf ? own.find((s) => s.id === plan.add?.anchorsOf) : undefined;
    const insertion = plan.add.from === plan.add.to;
    const from = kept ? kept.from : anchorAt(binding, plan.add.from, insertion ? -1 : 0);
    const to = kept ? kept.to : insertion ? from : anchorAt(binding, plan.add.to, -1);
    entry = {
      id: crypto.randomUUID(),
      authorId: author.id,
      authorName: author.name,
      createdAt: new Date().toISOString(),
      from,
      to,
      insert: plan.add.insert,
    };
  }
  const map = suggestionsOf(ydoc);
  if (entry) {
    if (entry.insert.length > SUGGESTION_LIMITS.maxInsert) return "tooLong";
    // The server counts the open suggestions before the update's withdrawals.
    if (map.size + 1 > SUGGESTION_LIMITS.maxOpen) return "tooMany";
    if (!readSuggestion(entry)) return "notWellFormed";
    const passed = suggestionBudgetPassed(map, [entry], new Set(plan.withdraw), author.id);
    if (passed) return passed;
    if (documentFull(ydoc, JSON.stringify(entry).length * 3)) return "documentFull";
  }
  ydoc.transact(() => {
    for (const id of plan.withdraw) map.delete(id);
    if (entry) map.set(entry.id, entry);
  }, SUGGESTION_ORIGIN);
  return null;
}

/** Rejects (or, for its author, withdraws) suggestions: their entries go, the text stays. */
export function rejectSuggestions(ydoc: Y.Doc, ids: string[]): void {
  const map = suggestionsOf(ydoc);
  ydoc.transact(() => {
    for (const id of ids) map.delete(id);
  }, SUGGESTION_ORIGIN);
}

/**
 * Accepts suggestions: their text changes and the removal of their entries
 * in one Yjs transaction, with y-prosemirror's own origin so that the
 * editor's undo manager (whose scope includes the suggestions map) takes
 * back both on Ctrl+Z. Ranges overlapping one already applied are left
 * for a later decision. Only for those who may edit: a commenter's socket
 * refuses it.
 */
export function acceptSuggestions(view: EditorView, ydoc: Y.Doc, suggestions: TPlaced[]): void {
  const binding = renderedBinding(view.state);
  if (!binding) return;
  // From the end backwards, so earlier positions stay valid.
  const placed = suggestions.filter((s) => s.pos).sort((a, b) => (b.pos?.from ?? 0) - (a.pos?.from ?? 0));
  const tr = view.state.tr.setMeta(ACCEPT_META, true);
  const applied: string[] = [];
  let limit = Number.POSITIVE_INFINITY;
  for (const suggestion of placed) {
    const { from, to } = suggestion.pos as { from: number; to: number };
    if (to > limit) continue;
    if (suggestion.insert) tr.insertText(suggestion.insert, from, to);
    else tr.delete(from, to);
    applied.push(suggestion.id);
    limit = from;
  }
  if (applied.length === 0) return;
  const map = suggestionsOf(ydoc);
  // Held under the binding's mutex, so y-prosemirror neither writes the
  // change a second time nor re-renders it back: we write it ourselves,
  // inside the same Yjs transaction as the entries' removal.
  binding.mux(() => {
    ydoc.transact(() => {
      view.dispatch(tr);
      binding._prosemirrorChanged(view.state.doc);
      for (const id of applied) map.delete(id);
    }, ySyncPluginKey);
  });
}
