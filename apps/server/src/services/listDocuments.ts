import type { TDocument } from "@caucus/shared";
import type { DocumentRepository } from "../storage/DocumentRepository.js";

/** Most documents one list returns; paging comes with workspaces. */
export const LIST_LIMIT = 500;

/** Live documents, or the trash with `deleted`. */
export function listDocuments(
  documents: DocumentRepository,
  options: { deleted: boolean },
): Promise<TDocument[]> {
  return documents.list({ deleted: options.deleted, limit: LIST_LIMIT });
}
