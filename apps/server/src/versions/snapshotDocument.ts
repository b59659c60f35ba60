import { createHash } from "node:crypto";
import { countWords, type TVersionContent } from "@caucus/shared";
import { documentContent, textParagraphs } from "@caucus/shared/editor";
import * as Y from "yjs";
import type { TVersionDeps } from "./deps.js";
import type { TVersionSnapshot } from "./VersionRepository.js";

/** Editor (ProseMirror) JSON. */
type JSONContent = TVersionContent["content"];

/** A document's text at one moment: what a version would freeze, and its editor JSON. */
export interface TDocumentSnapshot extends TVersionSnapshot {
  content: JSONContent;
}

/** What a version of `doc` freezes: its whole state, and its text cached for listing and comparing. */
export function snapshotOf(doc: Y.Doc): TDocumentSnapshot {
  const content = documentContent(doc);
  const paragraphs = textParagraphs(content);
  return {
    state: Y.encodeStateAsUpdate(doc),
    content,
    paragraphs,
    words: paragraphs.reduce((sum, paragraph) => sum + countWords(paragraph), 0),
    // Of the editor JSON, not the plain text: a change of formatting is a change too.
    contentHash: createHash("sha256").update(JSON.stringify(content)).digest("base64url"),
  };
}

/**
 * The document as it is now: the live Y.Doc when it is open on this
 * instance (edits not yet stored included), else what storage holds.
 */
export async function snapshotDocument(
  ctx: Pick<TVersionDeps, "sync" | "updates">,
  documentId: string,
): Promise<TDocumentSnapshot> {
  const live = await ctx.sync.loadedDocument(documentId);
  if (live) return snapshotOf(live);
  const doc = new Y.Doc();
  try {
    for (const update of (await ctx.updates.load(documentId)).updates) Y.applyUpdate(doc, update);
    return snapshotOf(doc);
  } finally {
    doc.destroy();
  }
}

/** A stored version's editor JSON, decoded from its state. */
export function contentOfState(state: Uint8Array): JSONContent {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return documentContent(doc);
  } finally {
    doc.destroy();
  }
}
