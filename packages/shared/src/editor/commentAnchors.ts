import type { EditorState, Transaction } from "@tiptap/pm/state";
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { TCommentAnchor } from "../comments.js";

/** y-tiptap's map from Yjs types to the ProseMirror nodes they render as. */
type TMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

/** A Y.XmlFragment bound to a ProseMirror document: what positions convert between. */
export interface TYBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: TMapping;
}

/** A comment's current range in the ProseMirror document. */
export interface TAnchorRange {
  from: number;
  to: number;
}

/** The binding of a collaborative editor (Tiptap's Collaboration), or null before it is set up. */
export function editorBinding(state: EditorState): TYBinding | null {
  const binding = ySyncPluginKey.getState(state)?.binding as
    | { doc: Y.Doc; type: Y.XmlFragment; mapping: TMapping }
    | null
    | undefined;
  return binding ? { doc: binding.doc, type: binding.type, mapping: binding.mapping } : null;
}

/**
 * Whether a transaction came from the Y.Doc (another person's edit, or undo)
 * rather than from this editor: positions must then be resolved again, as
 * ProseMirror's own mapping does not describe the change.
 */
export function isYjsChange(tr: Transaction): boolean {
  return Boolean((tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin);
}

/**
 * Anchors the ProseMirror range `from`–`to` as two Yjs relative positions.
 * The start holds to the range's first character and the end to its last,
 * so text typed at either edge stays outside the range, text typed inside
 * it widens it, and deleting its characters shrinks it.
 */
export function commentAnchor(binding: TYBinding, from: number, to: number): TCommentAnchor {
  return {
    start: encode(relative(binding, from, 0)),
    end: encode(relative(binding, to, -1)),
  };
}

/**
 * Where an anchor's text is now, or null when it is gone: every character
 * of the range was deleted (the two ends met), or the paragraph holding it
 * was. A thread without a range is shown with its quoted text instead.
 */
export function commentRange(binding: TYBinding, anchor: TCommentAnchor): TAnchorRange | null {
  let from: number | null;
  let to: number | null;
  try {
    from = absolute(binding, decode(anchor.start));
    to = absolute(binding, decode(anchor.end));
  } catch {
    return null;
  }
  if (from === null || to === null || to <= from) return null;
  return { from, to };
}

/** Whether a string decodes as a relative position (the server checks what it stores). */
export function isEncodedAnchor(value: string): boolean {
  try {
    decode(value);
    return true;
  } catch {
    return false;
  }
}

function relative(binding: TYBinding, pos: number, assoc: 0 | -1): Y.RelativePosition {
  // y-tiptap ties a text position to the character before it (assoc -1).
  const tied = absolutePositionToRelativePosition(pos, binding.type, binding.mapping) as Y.RelativePosition;
  if (assoc === -1) return tied;
  const at = Y.createAbsolutePositionFromRelativePosition(tied, binding.doc);
  return at && at.type instanceof Y.XmlText
    ? Y.createRelativePositionFromTypeIndex(at.type, at.index, 0)
    : tied;
}

function absolute(binding: TYBinding, position: Y.RelativePosition): number | null {
  const at = Y.createAbsolutePositionFromRelativePosition(position, binding.doc);
  if (!at) return null;
  // y-tiptap refuses a position tied to a character at the very start of the
  // text (its guard against blocks reordered by drag and drop), which is
  // where a range's start may be: so ask it with the same index tied backwards.
  const asked =
    at.type instanceof Y.XmlText ? Y.createRelativePositionFromTypeIndex(at.type, at.index, -1) : position;
  return relativePositionToAbsolutePosition(binding.doc, binding.type, asked, binding.mapping);
}

function encode(position: Y.RelativePosition): string {
  let binary = "";
  for (const byte of Y.encodeRelativePosition(position)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function decode(value: string): Y.RelativePosition {
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return Y.decodeRelativePosition(bytes);
}
