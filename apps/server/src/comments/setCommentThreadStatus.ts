import type { TCommentThread, TCommentThreadStatus } from "@caucus/shared";
import type { TDocumentAccess } from "../documents/policy.js";
import { auditComment, changedThread, findCommentThread } from "./commentThreadChanged.js";
import type { TCommentDeps } from "./deps.js";
import { authorizeThreadStatus } from "./policy.js";

/** Resolves or reopens a thread; setting the status it already has changes nothing. */
export async function setCommentThreadStatus(
  ctx: Pick<TCommentDeps, "comments" | "commentChanges" | "audit">,
  userId: string,
  access: TDocumentAccess,
  threadId: string,
  status: TCommentThreadStatus,
): Promise<TCommentThread> {
  const thread = await findCommentThread(ctx, access, threadId);
  authorizeThreadStatus(access, userId, thread);
  if (thread.status === status) return thread;
  await ctx.comments.setStatus(threadId, status, userId);
  await auditComment(
    ctx,
    userId,
    access,
    status === "resolved" ? "comment_thread_resolved" : "comment_thread_reopened",
    { threadId },
  );
  return changedThread(ctx, access, threadId);
}
