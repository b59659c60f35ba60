import { createHash, randomUUID } from "node:crypto";
import type { Logger } from "../logger.js";
import type { RedisConnection } from "../platform/redis/RedisConnection.js";
import { documentChannel } from "../platform/redis/redisKeys.js";
import {
  type DocumentFanout,
  decodeFanoutFrame,
  encodeFanoutFrame,
  INSTANCE_ID_BYTES,
  type TFanoutListener,
  type TFanoutMessage,
} from "./DocumentFanout.js";

/** Longest a loading document waits for Redis to confirm its subscription. */
const SUBSCRIBE_WAIT_MS = 2_000;

/**
 * Document messages between instances over one Redis channel per document,
 * subscribed while this instance holds the document. Frames are binary and
 * tagged with the sender, so an instance skips its own. While Redis is away
 * publishing fails quietly (logged once per outage by the connection, here
 * at debug): each instance keeps serving its own sockets, and clients
 * resynchronise through their own sync when they reconnect.
 */
export class RedisDocumentFanout implements DocumentFanout {
  /** This process's id on the wire. */
  readonly instance: Buffer;

  constructor(
    private readonly redis: RedisConnection,
    private readonly logger: Logger,
    options: { instanceId?: string } = {},
  ) {
    // 16 bytes on the wire whatever the id's own form.
    this.instance = createHash("sha256")
      .update(options.instanceId ?? randomUUID())
      .digest()
      .subarray(0, INSTANCE_ID_BYTES);
  }

  async join(documentId: string, listener: TFanoutListener): Promise<() => Promise<void>> {
    const channel = documentChannel(documentId);
    const onFrame = (frame: Buffer) => {
      const decoded = decodeFanoutFrame(frame);
      if (!decoded) {
        this.logger.warn({ documentId }, "dropped a fan-out frame that is not one of ours");
        return;
      }
      if (decoded.from.equals(this.instance)) return;
      listener(decoded.from, decoded.message);
    };
    const subscribing = this.redis.subscriber.subscribe(channel, onFrame, true).catch((error: unknown) => {
      // The client renews subscriptions when it reconnects.
      this.logger.debug({ documentId, err: error }, "fan-out subscribe deferred");
    });
    // While Redis is away the subscription waits in the client's queue: the
    // document loads now, and catches up when Redis is back.
    if (this.redis.subscriber.isReady) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        subscribing,
        new Promise((resolve) => (timer = setTimeout(resolve, SUBSCRIBE_WAIT_MS))),
      ]);
      clearTimeout(timer);
    }
    return async () => {
      if (!this.redis.subscriber.isReady) return;
      await this.redis.subscriber.unsubscribe(channel, onFrame, true).catch(() => undefined);
    };
  }

  async publish(documentId: string, message: TFanoutMessage): Promise<boolean> {
    try {
      await this.redis.commands.publish(
        documentChannel(documentId),
        encodeFanoutFrame(this.instance, message),
      );
      return true;
    } catch (error) {
      this.logger.debug({ documentId, kind: message.kind, err: error }, "fan-out not sent");
      return false;
    }
  }
}
