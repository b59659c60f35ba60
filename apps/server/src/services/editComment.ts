import type { TCommentThread } from "@caucus/shared";
import type { TServiceContext } from "../context.js";
import { NotFoundError } from "../errors.js";
import { authorizeCommentAuthor } from "../policies/comment.js";
import type { TDocumentAccess } from "../policies/document.js";
import { auditComment, changedThread, findCommentThread } from "./commentThreadChanged.js";

/** Changes the text of one's own comment; it is shown as edited. */
export async function editComment(
  ctx: Pick<TServiceContext, "comments" | "commentChanges" | "audit">,
  userId: string,
  access: TDocumentAccess,
  ids: { threadId: string; commentId: string },
  body: string,
): Promise<TCommentThread> {
  await findCommentThread(ctx, access, ids.threadId);
  const comment = await ctx.comments.comment(ids.threadId, ids.commentId);
  if (!comment) throw new NotFoundError("The comment");
  authorizeCommentAuthor(userId, comment.authorId);
  await ctx.comments.edit(comment.id, body);
  await auditComment(ctx, userId, access, "comment_edited", ids);
  return changedThread(ctx, access, ids.threadId);
}
