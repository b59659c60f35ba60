import type { Logger } from "../logger.js";
import type { AuditLog } from "../workspaces/AuditLog.js";

export interface OpeningsAuditOptions {
  audit: Pick<AuditLog, "recordOpenings">;
  logger: Logger;
  /** A person's opening of a document is recorded at most once in this window. */
  windowMs?: number;
  /** How long an opening waits to be written with the others of its moment. */
  batchMs?: number;
  /** Openings written in one statement at most; a full batch is written at once. */
  maxBatch?: number;
  /** Bound on the memory of recent openings; the oldest are forgotten first. */
  memory?: number;
}

const DEFAULTS = { windowMs: 30 * 60 * 1000, batchMs: 250, maxBatch: 500, memory: 10_000 };

/**
 * Who opened which document, for the audit trail: once per person and
 * document in a window (a reconnecting tab is not a new reader), and
 * written in batches, one statement for every opening of a moment. A storm
 * of sockets would otherwise queue one INSERT each on the embedded
 * database, on the event loop that admits the next socket.
 */
export class OpeningsAudit {
  private readonly options: Required<OpeningsAuditOptions>;
  private readonly recent = new Map<string, number>();
  private pending: { actorId: string; documentId: string }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(options: OpeningsAuditOptions) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** `userId` was let in to `documentId`. */
  opened(userId: string, documentId: string, now = Date.now()): void {
    const key = `${userId}\n${documentId}`;
    const last = this.recent.get(key);
    if (last !== undefined && now - last < this.options.windowMs) return;
    this.recent.delete(key);
    this.recent.set(key, now);
    if (this.recent.size > this.options.memory) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    this.pending.push({ actorId: userId, documentId });
    if (this.pending.length >= this.options.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.batchMs).unref();
  }

  /** Writes what is waiting (also at a graceful stop); a failure is logged, not thrown. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    // One statement at a time, in order.
    this.writing = this.writing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.options.audit.recordOpenings(batch);
      } catch (error) {
        this.options.logger.warn(
          { err: error, openings: batch.length },
          "recording document openings failed",
        );
      }
    });
    return this.writing;
  }
}
