import { Limits, type TDocument } from "@caucus/shared";
import { NotFoundError } from "../errors.js";
import type { DocumentRepository } from "../storage/DocumentRepository.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Brings a document back from the trash within the restore window. */
export async function restoreDocument(
  documents: DocumentRepository,
  id: string,
  now = new Date(),
): Promise<TDocument> {
  const notBefore = new Date(now.getTime() - Limits.restoreDays * DAY_MS);
  const document = await documents.restore(id, notBefore);
  if (!document) throw new NotFoundError("A deleted document with that id");
  return document;
}
