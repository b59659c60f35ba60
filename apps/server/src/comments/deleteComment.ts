import type { TCommentThread } from "@caucus/shared";
import type { TDocumentAccess } from "../documents/policy.js";
import { NotFoundError } from "../errors.js";
import { auditComment, changedThread, findCommentThread } from "./commentThreadChanged.js";
import type { TCommentDeps } from "./deps.js";
import { authorizeCommentAuthor } from "./policy.js";

/**
 * Deletes one's own comment. Deleting a thread's last comment removes the
 * thread; null then.
 */
export async function deleteComment(
  ctx: Pick<TCommentDeps, "comments" | "commentChanges" | "audit">,
  userId: string,
  access: TDocumentAccess,
  ids: { threadId: string; commentId: string },
): Promise<TCommentThread | null> {
  await findCommentThread(ctx, access, ids.threadId);
  const comment = await ctx.comments.comment(ids.threadId, ids.commentId);
  if (!comment) throw new NotFoundError("The comment");
  authorizeCommentAuthor(userId, comment.authorId);
  const { threadRemoved } = await ctx.comments.delete(ids.threadId, ids.commentId);
  await auditComment(ctx, userId, access, "comment_deleted", ids);
  if (!threadRemoved) return changedThread(ctx, access, ids.threadId);
  ctx.commentChanges.publish(access.document.id, { type: "removed", threadId: ids.threadId });
  return null;
}
