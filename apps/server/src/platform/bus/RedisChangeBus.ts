import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Logger } from "../../logger.js";
import { RedisChannels } from "../redis/RedisChannels.js";
import type { RedisConnection } from "../redis/RedisConnection.js";
import { type ChangeBus, LocalChangeBus } from "./ChangeBus.js";

/**
 * Changes shared by every instance through one Redis channel per key,
 * subscribed while someone here follows that key. A change is delivered
 * here first, then published tagged with our instance id, and its echo is
 * skipped, so this instance's readers never wait on Redis. While Redis is
 * away each instance's streams still update from its own changes; the
 * others catch up at their next snapshot (a reload, or the stream
 * reconnecting).
 */
export class RedisChangeBus<Change> implements ChangeBus<Change> {
  private readonly local: LocalChangeBus<Change>;
  /** The keys followed here, each subscribed once on Redis. */
  private readonly channels: RedisChannels;
  private readonly message: z.ZodType<{ from: string; change: Change }>;
  readonly instanceId: string;

  constructor(
    private readonly redis: RedisConnection,
    private readonly logger: Logger,
    private readonly options: {
      /** What the changes are about, for logs: "board", "comments". */
      what: string;
      channelOf: (key: string) => string;
      /** Checks what arrives from Redis before listeners hear it. */
      change: z.ZodType<Change>;
      instanceId?: string | undefined;
    },
  ) {
    this.channels = new RedisChannels(redis, options.channelOf);
    this.local = new LocalChangeBus(options.what, logger);
    this.message = z.object({ from: z.string(), change: options.change }) as z.ZodType<{
      from: string;
      change: Change;
    }>;
    this.instanceId = options.instanceId ?? randomUUID();
  }

  publish(key: string, change: Change): void {
    this.local.publish(key, change);
    this.redis.commands
      .publish(this.options.channelOf(key), JSON.stringify({ from: this.instanceId, change }))
      .catch((error: unknown) =>
        this.logger.warn(
          { key, err: error },
          `${this.options.what} change not sent to other instances: Redis unavailable`,
        ),
      );
  }

  subscribe(key: string, listener: (change: Change) => void): () => void {
    this.channels.hold(key, (message) => this.receive(key, message));
    const unsubscribe = this.local.subscribe(key, listener);
    return () => {
      unsubscribe();
      if (!this.local.hasListeners(key)) this.channels.release(key);
    };
  }

  /** Always: a reader may follow it on another instance, which only Redis would know. */
  mayBeFollowed(_key: string): boolean {
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

  private receive(key: string, message: string): void {
    let parsed: { from: string; change: Change };
    try {
      parsed = this.message.parse(JSON.parse(message));
    } catch {
      this.logger.warn(
        { bytes: message.length },
        `ignored a malformed ${this.options.what} change from Redis`,
      );
      return;
    }
    if (parsed.from === this.instanceId) return;
    this.local.publish(key, parsed.change);
  }
}
