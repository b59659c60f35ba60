import { renderedBinding, resolveAnchor, type TSuggestion } from "@caucus/shared/editor";
import type { EditorState } from "@tiptap/pm/state";

/** A suggestion with its range in the text now; `pos` null when its text changed so it no longer applies. */
export interface TPlaced extends TSuggestion {
  pos: { from: number; to: number } | null;
}

/** Resolves every suggestion's range; stale ones get `pos: null`. */
export function placeAll(state: EditorState, suggestions: TSuggestion[]): TPlaced[] {
  const binding = renderedBinding(state);
  // A suggestion in a paragraph someone deleted has nothing to show it against.
  const options = { docSize: state.doc.content.size, dropDeleted: true };
  return suggestions.map((suggestion) => {
    if (!binding) return { ...suggestion, pos: null };
    const from = resolveAnchor(binding, suggestion.from, options);
    const to = suggestion.to === suggestion.from ? from : resolveAnchor(binding, suggestion.to, options);
    // A range (not an insertion point) whose text is all gone has nothing left to act on.
    const collapsed = suggestion.to !== suggestion.from && from !== null && to !== null && from >= to;
    if (from === null || to === null || from > to || collapsed) return { ...suggestion, pos: null };
    return { ...suggestion, pos: { from, to } };
  });
}

/** Document order: placed ones by position, then stale ones by time. */
export function inDocumentOrder(placed: TPlaced[]): TPlaced[] {
  return [...placed].sort((a, b) => {
    if (a.pos && b.pos) return a.pos.from - b.pos.from || a.pos.to - b.pos.to;
    if (a.pos) return -1;
    if (b.pos) return 1;
    return a.createdAt.localeCompare(b.createdAt);
  });
}
