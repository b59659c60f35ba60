import type { TDocument } from "@caucus/shared";
import { NotFoundError } from "../errors.js";
import type { DocumentRepository } from "../storage/DocumentRepository.js";

/** A live document, or NotFound (deleted ones count as gone). */
export async function getDocument(documents: DocumentRepository, id: string): Promise<TDocument> {
  const document = await documents.find(id);
  if (!document || document.deletedAt) throw new NotFoundError("The document");
  return document;
}
