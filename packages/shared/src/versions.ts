import type { JSONContent } from "@tiptap/core";
import type { TTextDiff } from "./textDiff.js";

/**
 * A document's versions in plain types (no zod, for the web bundle); the
 * validation schema is `ZCreateVersion` in `schemas.ts`. A version is a
 * frozen copy of the text: named by a person ("v3 sent to delegations") or
 * taken automatically after a quiet spell of editing.
 */

export const VERSION_KINDS = ["named", "auto"] as const;
export type TVersionKind = (typeof VERSION_KINDS)[number];

/** Longest name and note of a named version. */
export const MAX_VERSION_NAME = 100;
export const MAX_VERSION_NOTE = 1000;
/** Named versions one document keeps; automatic ones are thinned out instead (see docs/ARCHITECTURE.md). */
export const MAX_NAMED_VERSIONS = 500;

/** A version as the API lists it (its text is fetched on its own). */
export interface TVersion {
  id: string;
  documentId: string;
  kind: TVersionKind;
  /** Null for an automatic version. */
  name: string | null;
  note: string;
  /** Who saved it; null for an automatic version or a person who has since left. */
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  words: number;
}

/** One version's text: as editor (ProseMirror) JSON to show it, and as paragraphs of plain text. */
export interface TVersionContent {
  version: TVersion;
  content: JSONContent;
  paragraphs: string[];
}

/** One side of a comparison: a version, or the document's text now. */
export type TCompareSide = { kind: "version"; version: TVersion } | { kind: "current"; at: string };

/** What comparing two texts answers: `from` is the earlier side, `to` the later. */
export interface TVersionComparison {
  from: TCompareSide;
  to: TCompareSide;
  diff: TTextDiff;
}

/** What the client shows and applies after a restore. */
export interface TVersionRestore {
  /** The version brought back. */
  restored: TVersion;
  /** The text as it was just before, saved as a version; null when it was already the latest version. */
  saved: TVersion | null;
  /** The restored text, for the editor to apply as an edit that every co-drafter sees. */
  content: JSONContent;
}
