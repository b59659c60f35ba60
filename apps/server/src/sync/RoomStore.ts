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

/** Most updates merged into one write; past it the write is a state-vector diff. */
const MAX_MERGED_UPDATES = 500;
/** Most bytes of updates kept for merging. */
const MAX_MERGED_BYTES = 1024 * 1024;

/**
 * Keeps one live document stored. A write normally merges the updates that
 * arrived since the last one (cheap: proportional to what changed). Merging
 * is capped: past {@link MAX_MERGED_UPDATES} updates (a burst of 50,000
 * keystrokes) the list is dropped and the write is instead the difference
 * between the document and the state vector last stored, one encode bounded
 * by the document's size however many updates arrived. Regular writes go
 * through the shared scheduler; `flush` writes at once (unload, shutdown).
 * Failures keep the document dirty.
 */
export class RoomStore {
  private storedVector: Uint8Array;
  private lastSeq: number;
  private rows: number;
  private dirty = false;
  /** Updates since the last write, while few enough to merge; else undefined. */
  private unstored: Uint8Array[] | undefined = [];
  private unstoredBytes = 0;
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

  /** Notes an update applied to the document; the scheduler writes it within a window. */
  markDirty(update: Uint8Array): void {
    this.dirty = true;
    if (this.unstored) {
      this.unstored.push(update);
      this.unstoredBytes += update.byteLength;
      if (this.unstored.length > MAX_MERGED_UPDATES || this.unstoredBytes > MAX_MERGED_BYTES) {
        this.unstored = undefined;
      }
    }
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
        this.failWrite(write);
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
    // Vector and update are taken in the same tick, so the vector covers
    // exactly what the update holds.
    const vector = Y.encodeStateVector(this.options.doc);
    const unstored = this.unstored;
    const update =
      unstored === undefined
        ? Y.encodeStateAsUpdate(this.options.doc, this.storedVector)
        : unstored.length === 1
          ? (unstored[0] as Uint8Array)
          : Y.mergeUpdates(unstored);
    this.unstored = [];
    this.unstoredBytes = 0;
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

  failWrite(write: PreparedWrite): void {
    this.running = undefined;
    this.dirty = true;
    // What failed goes back in front of what arrived since; order does not
    // matter to Yjs, and the merge cap still holds.
    if (this.unstored) {
      this.unstored.unshift(write.update);
      this.unstoredBytes += write.update.byteLength;
      if (this.unstoredBytes > MAX_MERGED_BYTES) this.unstored = undefined;
    }
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
