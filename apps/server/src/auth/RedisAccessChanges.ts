import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Logger } from "../logger.js";
import type { RedisConnection } from "../platform/redis/RedisConnection.js";
import { accessChangesChannel } from "../platform/redis/redisKeys.js";
import {
  type AccessChanges,
  LocalAccessChanges,
  type TAccessChange,
  type TDocumentChange,
  type TRightsChange,
} from "./AccessChanges.js";

/** What goes over the channel: the change and the instance that published it. */
const ZAccessChangeMessage = z.object({
  from: z.string(),
  change: z.union([
    z.object({
      userId: z.string(),
      workspaceId: z.string().optional(),
      documentId: z.string().optional(),
      sessionId: z.string().optional(),
      renewedAs: z.string().optional(),
      reason: z.enum(["role_changed", "removed", "signed_out", "grant_changed", "session_renewed"]),
    }) satisfies z.ZodType<TAccessChange>,
    z.object({
      documentId: z.string(),
      reason: z.literal("document_deleted"),
    }) satisfies z.ZodType<TDocumentChange>,
  ]),
});

/**
 * Rights changes fanned out to every instance through a Redis channel.
 * A change is delivered to this instance's listeners at once, before Redis
 * is asked, and our own message coming back from Redis is skipped: closing a
 * revoked member's sockets here never waits on, or fails with, Redis. While
 * Redis is away the other instances miss the change; that is logged.
 */
export class RedisAccessChanges implements AccessChanges {
  private readonly local = new LocalAccessChanges();
  private readonly channel = accessChangesChannel();
  /** Tags our messages so we can skip their echo; one per process in production. */
  readonly instanceId: string;
  private readonly onMessage = (message: string) => this.receive(message);
  /**
   * Resolves once Redis confirmed the subscription, or failed to (then the
   * client renews it on reconnect, before the connection is ready again).
   */
  readonly subscribed: Promise<void>;

  constructor(
    private readonly redis: RedisConnection,
    private readonly logger: Logger,
    options: { instanceId?: string } = {},
  ) {
    this.instanceId = options.instanceId ?? randomUUID();
    // Kept by the client across reconnects; a failure here is an outage, logged by the connection.
    this.subscribed = redis.subscriber.subscribe(this.channel, this.onMessage).catch(() => undefined);
  }

  /** Both connections are up: what other instances publish arrives. */
  get listening(): boolean {
    return this.redis.isReady;
  }

  async publish(change: TRightsChange): Promise<void> {
    await this.local.publish(change);
    try {
      await this.redis.commands.publish(this.channel, JSON.stringify({ from: this.instanceId, change }));
    } catch (error) {
      this.logger.warn(
        {
          userId: "userId" in change ? change.userId : undefined,
          documentId: change.documentId,
          reason: change.reason,
          err: error,
        },
        "rights change not sent to other instances: Redis unavailable",
      );
    }
  }

  subscribe(listener: (change: TRightsChange) => void): () => void {
    return this.local.subscribe(listener);
  }

  /** Stops listening on the channel; the connection itself belongs to the caller. */
  async close(): Promise<void> {
    // While Redis is away an UNSUBSCRIBE would wait for its return; closing the connection ends it anyway.
    if (!this.redis.subscriber.isReady) return;
    await this.redis.subscriber.unsubscribe(this.channel, this.onMessage).catch(() => undefined);
  }

  private receive(message: string): void {
    let parsed: z.infer<typeof ZAccessChangeMessage>;
    try {
      parsed = ZAccessChangeMessage.parse(JSON.parse(message));
    } catch {
      // Another program (or an older Caucus) on the channel must not take the sync server down.
      this.logger.warn({ bytes: message.length }, "ignored a malformed rights change from Redis");
      return;
    }
    if (parsed.from === this.instanceId) return;
    this.local.publish(parsed.change).catch((error: unknown) => {
      this.logger.error({ err: error }, "a rights-change listener failed");
    });
  }
}
