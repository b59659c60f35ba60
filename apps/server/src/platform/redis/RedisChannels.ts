import type { RedisConnection } from "./RedisConnection.js";

/**
 * Redis subscriptions held per key (a workspace) while this process has
 * listeners for it: one SUBSCRIBE per channel however many listeners, kept
 * by the client across reconnects. Used by presence and the calls board.
 */
export class RedisChannels {
  private readonly held = new Map<
    string,
    { onMessage: (message: string) => void; confirmed: Promise<void> }
  >();

  constructor(
    private readonly redis: RedisConnection,
    private readonly channelOf: (key: string) => string,
  ) {}

  /** Subscribes for `key` unless already subscribed; `onMessage` hears its channel. */
  hold(key: string, onMessage: (message: string) => void): void {
    if (this.held.has(key)) return;
    // A failure here is an outage, logged by the connection; the client renews the subscription.
    const confirmed = this.redis.subscriber.subscribe(this.channelOf(key), onMessage).catch(() => undefined);
    this.held.set(key, { onMessage, confirmed });
  }

  /** Unsubscribes `key`'s channel. */
  release(key: string): void {
    const entry = this.held.get(key);
    if (!entry) return;
    this.held.delete(key);
    this.redis.subscriber.unsubscribe(this.channelOf(key), entry.onMessage).catch(() => undefined);
  }

  /**
   * Resolves once every channel held so far is confirmed by Redis (after a
   * reconnect, the connection is ready only once they are renewed).
   */
  async confirmed(): Promise<void> {
    await Promise.all([...this.held.values()].map((entry) => entry.confirmed));
  }

  /** Drops every subscription, for close. */
  async releaseAll(): Promise<void> {
    const entries = [...this.held];
    this.held.clear();
    // While Redis is away an UNSUBSCRIBE would wait for its return; closing the connection ends it anyway.
    if (!this.redis.subscriber.isReady) return;
    await Promise.all(
      entries.map(([key, entry]) =>
        this.redis.subscriber.unsubscribe(this.channelOf(key), entry.onMessage).catch(() => undefined),
      ),
    );
  }
}
