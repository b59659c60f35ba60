import { randomUUID } from "node:crypto";
import { CALL_STATUSES, type TBoardChange } from "@caucus/shared";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { RedisChannels } from "../storage/RedisChannels.js";
import type { RedisConnection } from "../storage/RedisConnection.js";
import { boardChannel } from "../storage/redisKeys.js";
import { type BoardChanges, LocalBoardChanges, type TBoardListener } from "./BoardChanges.js";

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
const ZBoardMessage = z.object({
  from: z.string(),
  change: z.discriminatedUnion("type", [
    z.object({ type: z.enum(["created", "updated"]), call: ZCall }),
    z.object({ type: z.literal("deleted"), callId: z.string() }),
    z.object({ type: z.literal("estimate"), documentId: z.string(), estimate: ZEstimate }),
  ]) satisfies z.ZodType<TBoardChange>,
});

/**
 * Board changes shared by every instance through one Redis channel per
 * workspace, subscribed while someone here follows that board. A change is
 * delivered here first, then published tagged with our instance id, and
 * its echo is skipped, so this instance's readers never wait on Redis.
 * While Redis is away each instance's boards still update from its own
 * changes; the others catch up at their next snapshot (a reload, or the
 * stream reconnecting).
 */
export class RedisBoardChanges implements BoardChanges {
  private readonly local: LocalBoardChanges;
  /** The workspaces followed here, each subscribed once on Redis. */
  private readonly channels: RedisChannels;
  readonly instanceId: string;

  constructor(
    private readonly redis: RedisConnection,
    private readonly logger: Logger,
    options: { instanceId?: string } = {},
  ) {
    this.channels = new RedisChannels(redis, boardChannel);
    this.local = new LocalBoardChanges(logger);
    this.instanceId = options.instanceId ?? randomUUID();
  }

  publish(workspaceId: string, change: TBoardChange): void {
    this.local.publish(workspaceId, change);
    this.redis.commands
      .publish(boardChannel(workspaceId), JSON.stringify({ from: this.instanceId, change }))
      .catch((error: unknown) =>
        this.logger.warn(
          { workspaceId, error: (error as Error).message },
          "board change not sent to other instances: Redis unavailable",
        ),
      );
  }

  subscribe(workspaceId: string, listener: TBoardListener): () => void {
    this.channels.hold(workspaceId, (message) => this.receive(workspaceId, message));
    const unsubscribe = this.local.subscribe(workspaceId, listener);
    return () => {
      unsubscribe();
      if (!this.local.hasListeners(workspaceId)) this.channels.release(workspaceId);
    };
  }

  /** Always: a reader may follow it on another instance, which only Redis would know. */
  mayBeFollowed(_workspaceId: string): boolean {
    return true;
  }

  async close(): Promise<void> {
    await this.local.close();
    await this.channels.releaseAll();
  }

  /** Resolves once every channel subscribed so far is confirmed by Redis. */
  async subscribed(): Promise<void> {
    await this.channels.confirmed();
  }

  private receive(workspaceId: string, message: string): void {
    let parsed: z.infer<typeof ZBoardMessage>;
    try {
      parsed = ZBoardMessage.parse(JSON.parse(message));
    } catch {
      this.logger.warn({ bytes: message.length }, "ignored a malformed board change from Redis");
      return;
    }
    if (parsed.from === this.instanceId) return;
    this.local.publish(workspaceId, parsed.change);
  }
}
