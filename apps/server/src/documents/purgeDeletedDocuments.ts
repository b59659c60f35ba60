import { Limits } from "@caucus/shared";
import type { DocumentRepository } from "./DocumentRepository.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Removes for good the documents deleted more than the restore window ago. */
export function purgeDeletedDocuments(documents: DocumentRepository, now = new Date()): Promise<number> {
  return documents.purgeDeletedBefore(new Date(now.getTime() - Limits.restoreDays * DAY_MS));
}
