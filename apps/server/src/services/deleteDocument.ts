import { CloseCode, type TDocument } from "@caucus/shared";
import { NotFoundError } from "../errors.js";
import type { DocumentRepository } from "../storage/DocumentRepository.js";
import type { SyncServer } from "../sync/SyncServer.js";

/**
 * Moves a document to the trash (restorable for 30 days) and closes the
 * sockets editing it, so nobody keeps typing into a deleted draft unaware.
 */
export async function deleteDocument(
  documents: DocumentRepository,
  sync: Pick<SyncServer, "closeDocument">,
  id: string,
): Promise<TDocument> {
  const document = await documents.softDelete(id);
  if (!document) throw new NotFoundError("The document");
  await sync.closeDocument(id, CloseCode.documentNotFound, "document deleted");
  return document;
}
