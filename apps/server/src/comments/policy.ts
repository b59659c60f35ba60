import { mayChangeComment, mayResolveThread, type TCommentThread } from "@caucus/shared";
import { allows, type TDocumentAccess } from "../documents/policy.js";
import { ForbiddenError } from "../errors.js";

/**
 * Who may change a comment thread, beyond `document:comment` (which every
 * comment route needs), by the shared rules (`roles.ts`): a comment is
 * edited or deleted by its author only; a thread is resolved or reopened by
 * whoever opened it, or by anyone who may edit the text.
 */
export function authorizeCommentAuthor(userId: string, authorId: string | null): void {
  if (!mayChangeComment(userId, authorId))
    throw new ForbiddenError("Only its author can change or delete a comment.");
}

export function authorizeThreadStatus(access: TDocumentAccess, userId: string, thread: TCommentThread): void {
  if (mayResolveThread({ userId, editsText: allows(access, "document:edit") }, thread.createdBy?.id)) return;
  throw new ForbiddenError("Only whoever opened the thread, or an editor, can resolve or reopen it.");
}
