import { createClient } from "redis";
import type { Logger } from "../../logger.js";

export type TRedisClient = ReturnType<typeof createClient>;

/** What `/api/health` needs to know about Redis. */
export interface RedisStatus {
  /** Both connections (commands and subscriptions) are up. */
  readonly isReady: boolean;
}

/** Retry every 0.1–2 s for as long as it takes: an outage must never leave an instance without Redis for good. */
function reconnectDelay(retries: number): number {
  return Math.min(100 * 2 ** retries, 2_000) + Math.floor(Math.random() * 100);
}

/**
 * The process's two connections to Redis: one for commands and one held in
 * subscriber mode (a connection that subscribes cannot run other commands).
 * Opening never waits for Redis and never fails: both connections retry by
 * themselves, and the server serves its own clients meanwhile. Commands
 * issued while Redis is away fail at once instead of queueing without bound;
 * subscriptions are kept and renewed when Redis is back. The outage is logged
 * once when it starts and once when it ends; the URL (which may carry a
 * password) is never logged.
 */
export class RedisConnection implements RedisStatus {
  readonly commands: TRedisClient;
  readonly subscriber: TRedisClient;
  private state: "connecting" | "up" | "down" | "closed" = "connecting";
  private readonly returnListeners = new Set<() => void>();

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    this.commands = createClient({
      url,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: reconnectDelay },
    });
    this.subscriber = this.commands.duplicate({ disableOfflineQueue: false });
    for (const client of [this.commands, this.subscriber]) {
      client.on("error", (error: Error) => this.wentAway(error));
      client.on("reconnecting", () => this.wentAway());
      client.on("end", () => this.wentAway());
      client.on("ready", () => this.cameBack());
      // connect() retries until Redis answers; it only rejects once we close.
      client.connect().catch((error: unknown) => {
        if (this.state !== "closed") this.wentAway(error as Error);
      });
    }
  }

  /**
   * Calls `listener` each time Redis is back after an outage (not on the
   * first connect): what other instances published meanwhile was lost, and
   * the caller may need to catch up. Returns the unsubscribe.
   */
  onReturn(listener: () => void): () => void {
    this.returnListeners.add(listener);
    return () => this.returnListeners.delete(listener);
  }

  get isReady(): boolean {
    return this.commands.isReady && this.subscriber.isReady;
  }

  /** Closes both connections; pending commands fail. */
  async close(): Promise<void> {
    this.state = "closed";
    await Promise.all(
      [this.commands, this.subscriber].map(async (client) => {
        if (!client.isOpen) return;
        try {
          if (client.isReady) await client.close();
          else client.destroy();
        } catch {
          client.destroy();
        }
      }),
    );
  }

  private wentAway(error?: Error): void {
    if (error) this.logger.debug({ err: error }, "redis connection error");
    if (this.state === "closed" || this.state === "down") return;
    if (this.state === "up" || error) {
      this.state = "down";
      this.logger.warn(
        { err: error },
        "redis unreachable: serving this instance's clients alone and retrying",
      );
    }
  }

  private cameBack(): void {
    if (this.state === "closed" || this.state === "up" || !this.isReady) return;
    const wasDown = this.state === "down";
    this.state = "up";
    this.logger.info(wasDown ? "redis is back" : "connected to redis");
    if (wasDown) for (const listener of this.returnListeners) listener();
  }
}
