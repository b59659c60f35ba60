import type { EditorState, Transaction } from "@tiptap/pm/state";
import {
  absolutePositionToRelativePosition,
  type ProsemirrorBinding,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { TCommentAnchor } from "../comments.js";

/**
 * Anchors: places in the text held as Yjs relative positions, so they
 * follow the text through everyone's edits. The one codec for comments
 * (stored by the server), suggestions (entries in the Y.Doc) and
 * authorship (resolving each run of text): ProseMirror position ↔
 * relative position ↔ base64 string.
 */

/** y-tiptap's map from Yjs types to the ProseMirror nodes they render as. */
type TMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

/** A Y.XmlFragment bound to a ProseMirror document: what positions convert between. */
export interface TYBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: TMapping;
}

/** A range's current place in the ProseMirror document. */
export interface TAnchorRange {
  from: number;
  to: number;
}

/** The binding of a collaborative editor (Tiptap's Collaboration), or null before it is set up. */
export function editorBinding(state: EditorState): ProsemirrorBinding | null {
  return (
    (ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding | null } | undefined)?.binding ?? null
  );
}

/**
 * The binding once it has rendered the Y.Doc: its mapping is filled on the
 * first render, and before it no position can be resolved.
 */
export function renderedBinding(state: EditorState): ProsemirrorBinding | null {
  const binding = editorBinding(state);
  return binding && binding.mapping.size > 0 ? binding : null;
}

/**
 * Whether a transaction came from the Y.Doc (another person's edit, or undo)
 * rather than from this editor: positions must then be resolved again, as
 * ProseMirror's own mapping does not describe the change.
 */
export function isYjsChange(tr: Transaction): boolean {
  return Boolean((tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin);
}

/** Base64 of a relative position: how an anchor is stored and sent. */
export function encodePosition(position: Y.RelativePosition): string {
  let binary = "";
  for (const byte of Y.encodeRelativePosition(position)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The relative position {@link encodePosition} wrote, or null when it does not decode. */
export function decodePosition(encoded: string): Y.RelativePosition | null {
  try {
    const binary = atob(encoded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
}

/** Whether a string decodes as a relative position (the server checks what it stores). */
export function isEncodedAnchor(value: string): boolean {
  return decodePosition(value) !== null;
}

/**
 * The anchor of ProseMirror position `pos`. `assoc` -1 ties it to the
 * character before it (the end of a range, an insertion point), 0 to the
 * character after it (the start of a range), so text typed by others just
 * outside a range stays outside it.
 */
export function anchorAt(binding: TYBinding, pos: number, assoc: 0 | -1): string {
  // y-tiptap ties a text position to the character before it (assoc -1).
  const tied = absolutePositionToRelativePosition(pos, binding.type, binding.mapping) as Y.RelativePosition;
  if (assoc === -1) return encodePosition(tied);
  const at = Y.createAbsolutePositionFromRelativePosition(tied, binding.doc);
  return encodePosition(
    at && at.type instanceof Y.XmlText ? Y.createRelativePositionFromTypeIndex(at.type, at.index, 0) : tied,
  );
}

export interface TResolveOptions {
  /** The ProseMirror document's size: a position past it (a mapping that lags the text) is null. */
  docSize?: number;
  /**
   * Null for a position in a block someone deleted, rather than the place
   * that block stood: for what means nothing without its own text.
   */
  dropDeleted?: boolean;
}

/**
 * Where a relative position is in the ProseMirror document now, or null
 * when it no longer resolves. Inside a text it is restated as "after the
 * previous character" first: y-tiptap takes a position tied to a character
 * at the very start of the text for a misresolved one (its guard against
 * blocks reordered by drag and drop) and answers null, which is where a
 * range's start may be.
 */
export function resolvePosition(
  binding: TYBinding,
  relative: Y.RelativePosition,
  options: TResolveOptions = {},
): number | null {
  try {
    const at = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc);
    if (!at) return null;
    if (options.dropDeleted) {
      for (let type: Y.AbstractType<unknown> | null = at.type; type?._item; ) {
        if (type._item.deleted) return null;
        type = type._item.parent as Y.AbstractType<unknown>;
      }
    }
    const asked =
      at.type instanceof Y.XmlText ? Y.createRelativePositionFromTypeIndex(at.type, at.index, -1) : relative;
    const pos = relativePositionToAbsolutePosition(binding.doc, binding.type, asked, binding.mapping);
    if (pos === null || pos < 0 || pos > (options.docSize ?? Number.POSITIVE_INFINITY)) return null;
    return pos;
  } catch {
    return null;
  }
}

/** Where an anchor ({@link anchorAt}) is now, or null when it does not decode or no longer resolves. */
export function resolveAnchor(
  binding: TYBinding,
  anchor: string,
  options: TResolveOptions = {},
): number | null {
  const relative = decodePosition(anchor);
  return relative ? resolvePosition(binding, relative, options) : null;
}

/**
 * Anchors the ProseMirror range `from`–`to` for a comment. The start holds
 * to the range's first character and the end to its last, so text typed
 * at either edge stays outside the range, text typed inside it widens it,
 * and deleting its characters shrinks it.
 */
export function commentAnchor(binding: TYBinding, from: number, to: number): TCommentAnchor {
  return { start: anchorAt(binding, from, 0), end: anchorAt(binding, to, -1) };
}

/**
 * Where a comment's text is now, or null when it is gone: every character
 * of the range was deleted (the two ends met), or the paragraph holding it
 * was. A thread without a range is shown with its quoted text instead.
 */
export function commentRange(binding: TYBinding, anchor: TCommentAnchor): TAnchorRange | null {
  const from = resolveAnchor(binding, anchor.start);
  const to = resolveAnchor(binding, anchor.end);
  if (from === null || to === null || to <= from) return null;
  return { from, to };
}
