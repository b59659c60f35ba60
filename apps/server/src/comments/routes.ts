import type { TCommentChange } from "@caucus/shared";
import { Hono } from "hono";
import { requireAccount, type TAppEnv } from "../auth/session.js";
import { authorizeDocument } from "../documents/policy.js";
import { ZDocumentParams } from "../documents/schemas.js";
import { validate } from "../http/validate.js";
import { changeStream } from "../streams/changeStream.js";
import { addComment } from "./addComment.js";
import { createCommentThread } from "./createCommentThread.js";
import { deleteComment } from "./deleteComment.js";
import type { TCommentDeps } from "./deps.js";
import { editComment } from "./editComment.js";
import {
  ZCommentParams,
  ZCommentText,
  ZCommentThreadStatus,
  ZCreateCommentThread,
  ZThreadParams,
} from "./schemas.js";
import { setCommentThreadStatus } from "./setCommentThreadStatus.js";

/**
 * `/api/documents/:id/threads`: comment threads on a document's text.
 * Everyone who may read the document reads them and follows `/stream`;
 * commenters, editors and owners comment; see `comments/policy.ts` for
 * editing, deleting, resolving and reopening.
 */
export function commentRoutes(ctx: TCommentDeps) {
  return new Hono<TAppEnv>()
    .get("/:id/threads", validate("param", ZDocumentParams), async (c) => {
      const { userId } = requireAccount(c);
      const access = await authorizeDocument(ctx.db, userId, c.req.valid("param").id, "document:read");
      return c.json({ threads: await ctx.comments.list(access.document.id) }, 200);
    })
    .get("/:id/threads/stream", validate("param", ZDocumentParams), async (c) => {
      const account = requireAccount(c);
      const access = await authorizeDocument(
        ctx.db,
        account.userId,
        c.req.valid("param").id,
        "document:read",
      );
      const { id: documentId, workspaceId } = access.document;
      return changeStream<TCommentChange>(c, ctx.streams.open(c, account, { workspaceId, documentId }), {
        subscribe: (listener) => ctx.commentChanges.subscribe(documentId, listener),
        snapshot: () => ctx.comments.list(documentId),
      });
    })
    .post(
      "/:id/threads",
      validate("param", ZDocumentParams),
      validate("json", ZCreateCommentThread),
      async (c) => {
        const { userId } = requireAccount(c);
        const access = await authorizeDocument(ctx.db, userId, c.req.valid("param").id, "document:comment");
        return c.json({ thread: await createCommentThread(ctx, userId, access, c.req.valid("json")) }, 201);
      },
    )
    .patch(
      "/:id/threads/:threadId",
      validate("param", ZThreadParams),
      validate("json", ZCommentThreadStatus),
      async (c) => {
        const { userId } = requireAccount(c);
        const { id, threadId } = c.req.valid("param");
        const access = await authorizeDocument(ctx.db, userId, id, "document:comment");
        const { status } = c.req.valid("json");
        return c.json({ thread: await setCommentThreadStatus(ctx, userId, access, threadId, status) }, 200);
      },
    )
    .post(
      "/:id/threads/:threadId/comments",
      validate("param", ZThreadParams),
      validate("json", ZCommentText),
      async (c) => {
        const { userId } = requireAccount(c);
        const { id, threadId } = c.req.valid("param");
        const access = await authorizeDocument(ctx.db, userId, id, "document:comment");
        const { body } = c.req.valid("json");
        return c.json({ thread: await addComment(ctx, userId, access, threadId, body) }, 201);
      },
    )
    .patch(
      "/:id/threads/:threadId/comments/:commentId",
      validate("param", ZCommentParams),
      validate("json", ZCommentText),
      async (c) => {
        const { userId } = requireAccount(c);
        const { id, ...ids } = c.req.valid("param");
        const access = await authorizeDocument(ctx.db, userId, id, "document:comment");
        const { body } = c.req.valid("json");
        return c.json({ thread: await editComment(ctx, userId, access, ids, body) }, 200);
      },
    )
    .delete("/:id/threads/:threadId/comments/:commentId", validate("param", ZCommentParams), async (c) => {
      const { userId } = requireAccount(c);
      const { id, ...ids } = c.req.valid("param");
      const access = await authorizeDocument(ctx.db, userId, id, "document:comment");
      return c.json({ thread: await deleteComment(ctx, userId, access, ids) }, 200);
    });
}
