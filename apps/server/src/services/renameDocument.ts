import type { TDocument } from "@caucus/shared";
import { NotFoundError } from "../errors.js";
import type { DocumentRepository } from "../storage/DocumentRepository.js";

export async function renameDocument(
  documents: DocumentRepository,
  id: string,
  title: string,
): Promise<TDocument> {
  const document = await documents.rename(id, title);
  if (!document) throw new NotFoundError("The document");
  return document;
}
