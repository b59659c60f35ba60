import type { TAuditAction, TCommentThread } from "@caucus/shared";
import type { TDocumentAccess } from "../documents/policy.js";
import { NotFoundError } from "../errors.js";
import type { TCommentDeps } from "./deps.js";

/** The thread of this document, or 404. */
export async function findCommentThread(
  ctx: Pick<TCommentDeps, "comments">,
  access: TDocumentAccess,
  threadId: string,
): Promise<TCommentThread> {
  const thread = await ctx.comments.thread(access.document.id, threadId);
  if (!thread) throw new NotFoundError("The comment thread");
  return thread;
}

/** Reads the thread as it now stands and tells everyone following the document's comments. */
export async function changedThread(
  ctx: Pick<TCommentDeps, "comments" | "commentChanges">,
  access: TDocumentAccess,
  threadId: string,
): Promise<TCommentThread> {
  const thread = await findCommentThread(ctx, access, threadId);
  ctx.commentChanges.publish(access.document.id, { type: "thread", thread });
  return thread;
}

/** Records a comment action on the document; the text itself stays out of the audit log. */
export async function auditComment(
  ctx: Pick<TCommentDeps, "audit">,
  userId: string,
  access: TDocumentAccess,
  action: TAuditAction,
  detail: { threadId: string; commentId?: string },
): Promise<void> {
  await ctx.audit.record({
    workspaceId: access.document.workspaceId,
    action,
    actorId: userId,
    target: { type: "document", id: access.document.id, label: access.document.title },
    detail,
  });
}
