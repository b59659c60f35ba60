import type { TDocument } from "@caucus/shared";
import { getDocument } from "../api/documents";

/**
 * A document's details asked for before the page that shows them has
 * loaded: on a document's address the app asks at start-up, beside its
 * code, instead of one round trip after the editor's code arrives.
 */
const early = new Map<string, Promise<TDocument>>();

export function prefetchDocument(documentId: string): void {
  if (early.has(documentId)) return;
  const asked = getDocument(documentId);
  // Whoever takes it handles a failure; until then it is not unhandled.
  asked.catch(() => undefined);
  early.set(documentId, asked);
}

/** The details asked for early, once; later calls ask again. */
export function takeDocument(documentId: string): Promise<TDocument> {
  const asked = early.get(documentId);
  early.delete(documentId);
  return asked ?? getDocument(documentId);
}
