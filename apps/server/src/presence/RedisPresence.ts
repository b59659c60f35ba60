import { randomUUID } from "node:crypto";
import type { TPresenceChange, TPresenceEntry } from "@caucus/shared";
import { ZPresenceEntry } from "@caucus/shared/schemas";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { RedisChannels } from "../platform/redis/RedisChannels.js";
import type { RedisConnection } from "../platform/redis/RedisConnection.js";
import { presenceChannel, presenceEntriesKey, presenceSeenKey } from "../platform/redis/redisKeys.js";
import { LocalPresence } from "./LocalPresence.js";
import {
  byConnectionId,
  type PresenceService,
  type TPresenceHeartbeat,
  type TPresenceListener,
} from "./PresenceService.js";

const ZPresenceMessage = z.object({
  from: z.string(),
  change: z.discriminatedUnion("type", [
    z.object({ type: z.enum(["joined", "updated"]), workspaceId: z.string(), entry: ZPresenceEntry }),
    z.object({ type: z.literal("left"), workspaceId: z.string(), connectionId: z.string() }),
  ]),
});

/** What the entries hash holds: the entry without lastSeen, which is the sorted set's score. */
const ZStoredEntry = ZPresenceEntry.omit({ lastSeen: true });

/**
 * Removes, atomically, the entries last seen at or before ARGV[1] and returns
 * their connection ids: when several instances sweep at once, each removed
 * entry is announced by exactly one of them, and an entry refreshed meanwhile
 * is never removed.
 */
const PRUNE_SCRIPT = `
local stale = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
for _, id in ipairs(stale) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
end
return stale`;

export interface RedisPresenceOptions {
  ttlMs: number;
  /** Tags our announcements so we can skip their echo; one per process in production. */
  instanceId?: string;
  /** How often the workspaces followed here are swept for expired entries; a quarter of the TTL by default. */
  sweepIntervalMs?: number;
}

/**
 * Presence shared by every instance through Redis. Per workspace, a hash holds
 * the entries and a sorted set their last heartbeat; an entry older than the
 * TTL is pruned on read and by a periodic sweep of the workspaces someone
 * here follows, so a dead instance's entries go too. Changes are announced on
 * the workspace's channel.
 *
 * This instance's own connections are also held in a {@link LocalPresence}:
 * it decides what changed (a connection lives on one instance), delivers our
 * changes here at once, and answers `list` with our own people while Redis is
 * away, so presence degrades to "this instance" instead of failing.
 */
export class RedisPresence implements PresenceService {
  private readonly own: LocalPresence;
  /** The workspaces followed here, each subscribed once on Redis. */
  private readonly channels: RedisChannels;
  private readonly sweep: NodeJS.Timeout;
  readonly instanceId: string;

  get ttlMs(): number {
    return this.options.ttlMs;
  }

  constructor(
    private readonly redis: RedisConnection,
    private readonly logger: Logger,
    private readonly options: RedisPresenceOptions,
  ) {
    this.channels = new RedisChannels(redis, presenceChannel);
    this.instanceId = options.instanceId ?? randomUUID();
    this.own = new LocalPresence({
      ttlMs: options.ttlMs,
      logger,
      onChange: (change, expired) => this.ownChange(change, expired),
    });
    this.sweep = setInterval(() => this.sweepFollowed(), options.sweepIntervalMs ?? options.ttlMs / 4);
    this.sweep.unref();
  }

  async heartbeat(heartbeat: TPresenceHeartbeat): Promise<void> {
    await this.own.heartbeat(heartbeat);
    const { workspaceId, connectionId } = heartbeat;
    const entries = presenceEntriesKey(workspaceId);
    const seen = presenceSeenKey(workspaceId);
    const { at: _at, workspaceId: _workspaceId, ...stored } = heartbeat;
    // Whole keys expire too, so a workspace everyone left leaves nothing behind.
    const keyTtl = this.options.ttlMs * 2;
    await this.redis.commands
      .multi()
      .hSet(entries, connectionId, JSON.stringify(stored))
      .zAdd(seen, { score: heartbeat.at, value: connectionId })
      .pExpire(entries, keyTtl)
      .pExpire(seen, keyTtl)
      .exec()
      .catch((error: unknown) => this.failed("heartbeat", error));
  }

  async leave(workspaceId: string, connectionId: string): Promise<void> {
    // Gone from Redis before anyone hears "left", so a listener that re-reads the list agrees.
    await this.forget(workspaceId, connectionId);
    await this.own.leave(workspaceId, connectionId);
  }

  async list(workspaceId: string): Promise<TPresenceEntry[]> {
    try {
      await this.prune(workspaceId);
      const [stored, seen] = await Promise.all([
        this.redis.commands.hGetAll(presenceEntriesKey(workspaceId)),
        this.redis.commands.zRangeWithScores(presenceSeenKey(workspaceId), 0, -1),
      ]);
      const cutoff = Date.now() - this.options.ttlMs;
      const entries: TPresenceEntry[] = [];
      for (const { value: connectionId, score: lastSeen } of seen) {
        const json = stored[connectionId];
        if (json === undefined || lastSeen <= cutoff) continue;
        const entry = this.parseStored(json);
        if (entry) entries.push({ ...entry, lastSeen });
      }
      return entries.sort(byConnectionId);
    } catch (error) {
      this.failed("list", error);
      return this.own.list(workspaceId);
    }
  }

  subscribe(workspaceId: string, listener: TPresenceListener): () => void {
    this.channels.hold(workspaceId, (message) => this.receive(workspaceId, message));
    const unsubscribe = this.own.subscribe(workspaceId, listener);
    return () => {
      unsubscribe();
      if (!this.own.hasListeners(workspaceId)) this.channels.release(workspaceId);
    };
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    await this.own.close();
    await this.channels.releaseAll();
  }

  /**
   * Resolves once every channel subscribed so far is confirmed by Redis
   * (after a reconnect, the connection is ready only once they are renewed).
   */
  async subscribed(): Promise<void> {
    await this.channels.confirmed();
  }

  /** A change among our own connections: tell the other instances; an expired entry also leaves Redis. */
  private ownChange(change: TPresenceChange, expired: boolean): void {
    if (change.type === "left" && expired) void this.forget(change.workspaceId, change.connectionId);
    this.announce(change);
  }

  private async forget(workspaceId: string, connectionId: string): Promise<void> {
    await this.redis.commands
      .multi()
      .zRem(presenceSeenKey(workspaceId), connectionId)
      .hDel(presenceEntriesKey(workspaceId), connectionId)
      .exec()
      .catch((error: unknown) => this.failed("leave", error));
  }

  private announce(change: TPresenceChange): void {
    this.redis.commands
      .publish(presenceChannel(change.workspaceId), JSON.stringify({ from: this.instanceId, change }))
      .catch((error: unknown) => this.failed("announce", error));
  }

  /** Removes the workspace's expired entries and announces each, here and to the others. */
  private async prune(workspaceId: string): Promise<void> {
    const cutoff = Date.now() - this.options.ttlMs;
    const removed = (await this.redis.commands.eval(PRUNE_SCRIPT, {
      keys: [presenceSeenKey(workspaceId), presenceEntriesKey(workspaceId)],
      arguments: [String(cutoff)],
    })) as string[];
    for (const connectionId of removed) {
      const change: TPresenceChange = { type: "left", workspaceId, connectionId };
      this.own.deliver(change);
      this.announce(change);
    }
  }

  private sweepFollowed(): void {
    for (const workspaceId of this.own.followedWorkspaces()) {
      this.prune(workspaceId).catch((error: unknown) => this.failed("sweep", error));
    }
  }

  private receive(workspaceId: string, message: string): void {
    const parsed = ZPresenceMessage.safeParse(safeJson(message));
    if (!parsed.success || parsed.data.change.workspaceId !== workspaceId) {
      this.logger.warn(
        { workspaceId, bytes: message.length },
        "ignored a malformed presence change from Redis",
      );
      return;
    }
    if (parsed.data.from === this.instanceId) return;
    this.own.deliver(parsed.data.change);
  }

  private parseStored(json: string): Omit<TPresenceEntry, "lastSeen"> | undefined {
    const parsed = ZStoredEntry.safeParse(safeJson(json));
    if (parsed.success) return parsed.data;
    this.logger.warn("ignored a malformed presence entry in Redis");
    return undefined;
  }

  /** Redis being away is logged once by the connection; each failed call only at debug. */
  private failed(what: string, error: unknown): void {
    this.logger.debug({ err: error }, `presence ${what} failed: Redis unavailable`);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
