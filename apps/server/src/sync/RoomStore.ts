import * as Y from "yjs";
import type { Logger } from "../logger.js";
import type { UpdateLog } from "../storage/UpdateLog.js";
import { backoff, type StoreScheduler } from "./StoreScheduler.js";

export interface RoomStoreOptions {
  documentId: string;
  doc: Y.Doc;
  log: UpdateLog;
  logger: Logger;
  scheduler: StoreScheduler;
  /** Rows in the log before they are folded into one snapshot. */
  compactAfter: number;
  /** Rows already in the log when the document loaded. */
  initialRows: number;
  /** The seq of the last row when the document loaded. */
  initialSeq: number;
  /** Called with the stored state vector after each successful write. */
  onStored: (stateVector: Uint8Array) => void;
}

/** One prepared write: the diff since the last stored vector, and the vector it reaches. */
export interface PreparedWrite {
  store: RoomStore;
  documentId: string;
  update: Uint8Array;
  vector: Uint8Array;
}

/**
 * Keeps one live document stored. Instead of keeping and merging every
 * incoming update (unbounded work under a burst), each write holds the
 * difference between the document now and the state vector last stored:
 * one encode whose cost is bounded by the document's size, however many
 * updates arrived. Regular writes go through the shared scheduler; `flush`
 * writes at once (unload, shutdown). Failures keep the document dirty.
 */
export class RoomStore {
  private storedVector: Uint8Array;
  private lastSeq: number;
  private rows: number;
  private dirty = false;
  private running: Promise<unknown> | undefined;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly options: RoomStoreOptions) {
    this.storedVector = Y.encodeStateVector(options.doc);
    this.lastSeq = options.initialSeq;
    this.rows = options.initialRows;
    if (this.rows > options.compactAfter) void this.compactNow().catch(() => {});
  }

  /** True while some edit is not yet in storage. */
  get pending(): boolean {
    return this.dirty || this.running !== undefined;
  }

  /** True while a write or compaction is under way. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** True while the last attempt to store failed. */
  get failing(): boolean {
    return this.failures > 0;
  }

  get stateVector(): Uint8Array {
    return this.storedVector;
  }

  /** Notes that the document changed; the scheduler writes it within a window. */
  markDirty(): void {
    this.dirty = true;
    if (!this.running && !this.retryTimer) this.options.scheduler.enqueue(this);
  }

  /** Stores everything now and resolves when storage holds it (or throws). */
  async flush(): Promise<void> {
    this.options.scheduler.withdraw(this);
    while (this.running) await this.running.catch(() => {});
    const write = this.prepareWrite();
    if (write) {
      const seq = this.options.log.append(write.documentId, write.update);
      this.beginWrite(seq);
      try {
        this.finishWrite(write, await seq);
      } catch (error) {
        this.failWrite();
        throw error;
      }
    }
    while (this.running) await this.running;
    if (this.rows > this.options.compactAfter) await this.compactNow();
  }

  /** Stops timers; the caller flushes first if it wants the data kept. */
  dispose(): void {
    this.disposed = true;
    this.options.scheduler.withdraw(this);
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  /** Takes the unstored diff, or nothing when the document is clean. */
  prepareWrite(): PreparedWrite | undefined {
    if (!this.dirty) return undefined;
    this.dirty = false;
    // Vector and diff are taken in the same tick, so the vector covers
    // exactly what the diff holds.
    const vector = Y.encodeStateVector(this.options.doc);
    const update = Y.encodeStateAsUpdate(this.options.doc, this.storedVector);
    return { store: this, documentId: this.options.documentId, update, vector };
  }

  beginWrite(write: Promise<unknown>): void {
    const running = write.then(
      () => {},
      () => {},
    );
    this.running = running;
    void running.then(() => {
      if (this.running === running) this.running = undefined;
    });
  }

  finishWrite(write: PreparedWrite, seq: number): void {
    this.running = undefined;
    this.failures = 0;
    this.lastSeq = seq;
    this.rows += 1;
    this.storedVector = write.vector;
    this.options.onStored(write.vector);
    if (this.rows > this.options.compactAfter) {
      void this.compactNow().catch(() => {});
    } else if (this.dirty && !this.disposed) {
      this.options.scheduler.enqueue(this);
    }
  }

  failWrite(): void {
    this.running = undefined;
    this.dirty = true;
    this.failures += 1;
    this.retryLater();
  }

  private retryLater(): void {
    if (this.retryTimer || this.disposed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.dirty) this.options.scheduler.enqueue(this);
      else if (this.rows > this.options.compactAfter) void this.compactNow().catch(() => {});
    }, backoff(this.failures));
  }

  /** Folds the log into one snapshot row, in one transaction. */
  private async compactNow(): Promise<void> {
    const { doc, documentId, log, logger } = this.options;
    const vector = Y.encodeStateVector(doc);
    const snapshot = Y.encodeStateAsUpdate(doc);
    const compaction = log.compact(documentId, snapshot, this.lastSeq);
    this.beginWrite(compaction);
    try {
      this.lastSeq = await compaction;
      this.running = undefined;
      this.rows = 1;
      this.failures = 0;
      // The snapshot may hold edits that arrived after the last write.
      if (!equalBytes(vector, this.storedVector)) {
        this.storedVector = vector;
        this.options.onStored(vector);
      }
    } catch (error) {
      this.running = undefined;
      this.failures += 1;
      logger.error({ err: error, documentId, failures: this.failures }, "compacting the document failed");
      this.retryLater();
      throw error;
    }
    if (this.dirty && !this.disposed) this.options.scheduler.enqueue(this);
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
