import { COMMENT_THREAD_STATUSES, type TCommentChange } from "@caucus/shared";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { type ChangeBus, LocalChangeBus } from "../platform/bus/ChangeBus.js";
import { RedisChangeBus } from "../platform/bus/RedisChangeBus.js";
import type { RedisConnection } from "../platform/redis/RedisConnection.js";
import { commentsChannel } from "../platform/redis/redisKeys.js";

/**
 * What changed in each document's comment threads, for the comment
 * streams of everyone who has the document open. Keyed by document id.
 */
export type CommentChanges = ChangeBus<TCommentChange>;

/** Comment changes within this process. */
export class LocalCommentChanges extends LocalChangeBus<TCommentChange> {
  constructor(logger?: Logger) {
    super("comments", logger);
  }
}

const ZPerson = z.object({ id: z.string(), name: z.string() });
const ZThread = z.object({
  id: z.string(),
  documentId: z.string(),
  anchor: z.object({ start: z.string(), end: z.string() }),
  quote: z.string(),
  status: z.enum(COMMENT_THREAD_STATUSES),
  createdBy: ZPerson.nullable(),
  createdAt: z.string(),
  resolvedBy: ZPerson.nullable(),
  resolvedAt: z.string().nullable(),
  comments: z.array(
    z.object({
      id: z.string(),
      body: z.string(),
      author: ZPerson.nullable(),
      mentions: z.array(ZPerson),
      createdAt: z.string(),
      editedAt: z.string().nullable(),
    }),
  ),
});
const ZCommentChange = z.discriminatedUnion("type", [
  z.object({ type: z.literal("thread"), thread: ZThread }),
  z.object({ type: z.literal("removed"), threadId: z.string() }),
]) satisfies z.ZodType<TCommentChange>;

/** Comment changes shared by every instance, one channel per document (`caucus:comments:{documentId}`). */
export class RedisCommentChanges extends RedisChangeBus<TCommentChange> {
  constructor(redis: RedisConnection, logger: Logger, options: { instanceId?: string } = {}) {
    super(redis, logger, {
      what: "comments",
      channelOf: commentsChannel,
      change: ZCommentChange,
      instanceId: options.instanceId,
    });
  }
}
