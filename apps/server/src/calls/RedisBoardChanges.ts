import { CALL_STATUSES, type TBoardChange } from "@caucus/shared";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { RedisChangeBus } from "../platform/bus/RedisChangeBus.js";
import type { RedisConnection } from "../platform/redis/RedisConnection.js";
import { boardChannel } from "../platform/redis/redisKeys.js";

const ZEstimate = z.object({
  mode: z.enum(["time", "words"]),
  words: z.number(),
  seconds: z.number(),
  limitSeconds: z.number().nullable(),
  limitWords: z.number().nullable(),
  over: z.boolean(),
});
const ZCall = z.object({
  id: z.string(),
  workspaceId: z.string(),
  forum: z.string(),
  agendaItem: z.string(),
  deadline: z.string(),
  venueTimeZone: z.string(),
  status: z.enum(CALL_STATUSES),
  speaker: z.object({ id: z.string(), name: z.string() }).nullable(),
  draft: z.object({ id: z.string(), title: z.string() }).nullable(),
  estimate: ZEstimate.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ZBoardChange = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["created", "updated"]), call: ZCall }),
  z.object({ type: z.literal("deleted"), callId: z.string() }),
  z.object({ type: z.literal("estimate"), documentId: z.string(), estimate: ZEstimate }),
]) satisfies z.ZodType<TBoardChange>;

/**
 * Board changes shared by every instance through one Redis channel per
 * workspace (`caucus:board:{workspaceId}`), subscribed while someone here
 * follows that board.
 */
export class RedisBoardChanges extends RedisChangeBus<TBoardChange> {
  constructor(redis: RedisConnection, logger: Logger, options: { instanceId?: string } = {}) {
    super(redis, logger, {
      what: "board",
      channelOf: boardChannel,
      change: ZBoardChange,
      instanceId: options.instanceId,
    });
  }
}
