import { randomUUID } from "node:crypto";
import { MAX_THREADS_PER_DOCUMENT, type TCommentThread, type TCreateCommentThread } from "@caucus/shared";
import type { TDocumentAccess } from "../documents/policy.js";
import { ConflictError } from "../errors.js";
import { auditComment, changedThread } from "./commentThreadChanged.js";
import type { TCommentDeps } from "./deps.js";

export class TooManyCommentThreadsError extends ConflictError {
  constructor() {
    super(
      "too_many_comment_threads",
      `This document already has ${MAX_THREADS_PER_DOCUMENT} comment threads, the most it keeps. Delete old comments, then add this one.`,
    );
  }
}

/** Opens a thread on a range of the document's text with its first comment. */
export async function createCommentThread(
  ctx: Pick<TCommentDeps, "comments" | "commentChanges" | "audit">,
  userId: string,
  access: TDocumentAccess,
  input: TCreateCommentThread,
): Promise<TCommentThread> {
  const threadId = randomUUID();
  const commentId = randomUUID();
  const created = await ctx.comments.createUnlessFull(
    {
      id: threadId,
      documentId: access.document.id,
      anchorStart: Buffer.from(input.anchor.start, "base64"),
      anchorEnd: Buffer.from(input.anchor.end, "base64"),
      quote: input.quote,
      createdBy: userId,
      comment: { id: commentId, body: input.body },
    },
    MAX_THREADS_PER_DOCUMENT,
  );
  if (!created) throw new TooManyCommentThreadsError();
  await auditComment(ctx, userId, access, "comment_thread_created", { threadId, commentId });
  return changedThread(ctx, access, threadId);
}
