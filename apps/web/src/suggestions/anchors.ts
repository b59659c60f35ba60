import { decodePosition, encodePosition, type TSuggestion } from "@caucus/shared/editor";
import type { EditorState } from "@tiptap/pm/state";
import {
  absolutePositionToRelativePosition,
  type ProsemirrorBinding,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import * as Y from "yjs";

/** The y-prosemirror binding of an editor: the Y.XmlFragment and its mapping to ProseMirror nodes. */
export function bindingOf(state: EditorState): ProsemirrorBinding | null {
  const binding = (ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding } | undefined)?.binding;
  // The mapping is filled on the first render; before it, positions cannot be resolved.
  return binding && binding.mapping.size > 0 ? binding : null;
}

/**
 * Base64 anchor for a ProseMirror position. `assoc` -1 sticks to the text
 * before it (the end of a range, an insertion point), 0 to the text after
 * it (the start of a range), so text typed by others just outside a
 * suggested deletion stays outside it.
 */
export function anchorAt(binding: ProsemirrorBinding, pos: number, assoc: 0 | -1): string {
  const before = absolutePositionToRelativePosition(pos, binding.type, binding.mapping) as Y.RelativePosition;
  if (assoc === -1) return encodePosition(before);
  const absolute = Y.createAbsolutePositionFromRelativePosition(before, binding.doc);
  if (absolute && absolute.type instanceof Y.XmlText) {
    return encodePosition(Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0));
  }
  return encodePosition(before);
}

/** Where an anchor is in the text now, or null when it no longer resolves. */
export function positionOf(binding: ProsemirrorBinding, anchor: string, docSize: number): number | null {
  const relative = decodePosition(anchor);
  return relative ? resolvePosition(binding, relative, docSize) : null;
}

/**
 * Where a relative position is in the text now, or null when it no longer
 * resolves. Inside a text it is restated as "after the previous character"
 * first: y-prosemirror takes any character-anchored position that lands
 * at the very start of the document for a misresolved one and answers
 * null, which would make a suggestion on the first word stale.
 */
export function resolvePosition(
  binding: ProsemirrorBinding,
  relative: Y.RelativePosition,
  docSize: number,
): number | null {
  try {
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc);
    if (!absolute) return null;
    // In a paragraph someone deleted: nothing to show it against.
    for (let type: Y.AbstractType<unknown> | null = absolute.type; type?._item; ) {
      if (type._item.deleted) return null;
      type = type._item.parent as Y.AbstractType<unknown>;
    }
    const restated =
      absolute.type instanceof Y.XmlText
        ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, -1)
        : relative;
    const pos = relativePositionToAbsolutePosition(binding.doc, binding.type, restated, binding.mapping);
    return pos === null || pos < 0 || pos > docSize ? null : pos;
  } catch {
    return null;
  }
}

/** A suggestion with its range in the text now; `pos` null when its text changed so it no longer applies. */
export interface TPlaced extends TSuggestion {
  pos: { from: number; to: number } | null;
}

/** Resolves every suggestion's range; stale ones get `pos: null`. */
export function placeAll(state: EditorState, suggestions: TSuggestion[]): TPlaced[] {
  const binding = bindingOf(state);
  const size = state.doc.content.size;
  return suggestions.map((suggestion) => {
    if (!binding) return { ...suggestion, pos: null };
    const from = positionOf(binding, suggestion.from, size);
    const to = suggestion.to === suggestion.from ? from : positionOf(binding, suggestion.to, size);
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
