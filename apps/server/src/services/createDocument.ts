import { randomUUID } from "node:crypto";
import type { TCreateDocument, TDocument } from "@caucus/shared";
import type { DocumentRepository } from "../storage/DocumentRepository.js";

/** Creates an empty document of the given kind. */
export function createDocument(documents: DocumentRepository, input: TCreateDocument): Promise<TDocument> {
  return documents.create({ id: randomUUID(), title: input.title, kind: input.kind });
}
