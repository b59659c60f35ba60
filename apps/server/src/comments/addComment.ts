import { randomUUID } from "node:crypto";
import { MAX_COMMENTS_PER_THREAD, type TCommentThread } from "@caucus/shared";
import type { TDocumentAccess } from "../documents/policy.js";
import { ConflictError } from "../errors.js";
import { auditComment, changedThread, findCommentThread } from "./commentThreadChanged.js";
import type { TCommentDeps } from "./deps.js";

/** Replies in a thread (resolved ones too: a reply does not reopen it). */
export async function addComment(
  ctx: Pick<TCommentDeps, "comments" | "commentChanges" | "audit">,
  userId: string,
  access: TDocumentAccess,
  threadId: string,
  body: string,
): Promise<TCommentThread> {
  await findCommentThread(ctx, access, threadId);
  const commentId = randomUUID();
  const added = await ctx.comments.addUnlessFull(
    threadId,
    { id: commentId, body, authorId: userId },
    MAX_COMMENTS_PER_THREAD,
  );
  if (!added) {
    throw new ConflictError(
      "too_many_comments",
      `This thread already has ${MAX_COMMENTS_PER_THREAD} comments, the most it keeps. Open a new thread on the text.`,
    );
  }
  await auditComment(ctx, userId, access, "comment_added", { threadId, commentId });
  return changedThread(ctx, access, threadId);
}
