import type { TCommentThread } from "@caucus/shared";
import type { TDocumentAccess } from "../documents/policy.js";
import { NotFoundError } from "../errors.js";
import { auditComment, changedThread, findCommentThread } from "./commentThreadChanged.js";
import type { TCommentDeps } from "./deps.js";
import { authorizeCommentAuthor } from "./policy.js";

/** Changes the text of one's own comment; it is shown as edited. */
export async function editComment(
  ctx: Pick<TCommentDeps, "comments" | "commentChanges" | "audit">,
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
