import * as Y from "yjs";
import type { Logger } from "../logger.js";
import type { UpdateLog } from "../storage/UpdateLog.js";

export interface RoomStoreOptions {
  documentId: string;
  doc: Y.Doc;
  log: UpdateLog;
  logger: Logger;
  /** How long after an edit the store runs (batching window). */
  delayMs: number;
  /** Rows in the log before they are folded into one snapshot. */
  compactAfter: number;
  /** Rows already in the log when the document loaded. */
  initialRows: number;
  /** The seq of the last row when the document loaded. */
  initialSeq: number;
  /** Called with the stored state vector after each successful write. */
  onStored: (stateVector: Uint8Array) => void;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * Stores one live document in batches. Instead of keeping and merging every
 * incoming update (unbounded work under a burst), each store writes the
 * difference between the document now and the state vector last stored:
 * one encode whose cost is bounded by the document's size, however many
 * updates arrived. Failures keep the document dirty and retry with backoff.
 */
export class RoomStore {
  private storedVector: Uint8Array;
  private lastSeq: number;
  private rows: number;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failures = 0;

  constructor(private readonly options: RoomStoreOptions) {
    this.storedVector = Y.encodeStateVector(options.doc);
    this.lastSeq = options.initialSeq;
    this.rows = options.initialRows;
    if (this.rows > options.compactAfter) this.schedule(0);
  }

  /** True while some edit is not yet in storage. */
  get pending(): boolean {
    return this.dirty || this.running !== undefined;
  }

  /** True while the last attempt to store failed. */
  get failing(): boolean {
    return this.failures > 0;
  }

  get stateVector(): Uint8Array {
    return this.storedVector;
  }

  /** Notes that the document changed; a store follows within the delay. */
  markDirty(): void {
    this.dirty = true;
    this.schedule(this.options.delayMs);
  }

  /** Stores everything now and resolves when storage holds it (or throws). */
  async flush(): Promise<void> {
    this.clearTimer();
    if (this.running) await this.running.catch(() => {});
    if (!this.dirty && this.rows <= this.options.compactAfter) return;
    await this.run();
  }

  /** Stops timers; the caller flushes first if it wants the data kept. */
  dispose(): void {
    this.clearTimer();
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run().catch(() => {});
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): Promise<void> {
    const work = this.write().finally(() => {
      this.running = undefined;
      if (this.dirty || this.rows > this.options.compactAfter) {
        this.schedule(this.failures > 0 ? backoff(this.failures) : this.options.delayMs);
      }
    });
    this.running = work;
    return work;
  }

  private async write(): Promise<void> {
    const { doc, documentId, log } = this.options;
    try {
      if (this.dirty) {
        this.dirty = false;
        // Vector and diff are taken in the same tick, so the vector covers
        // exactly what the diff holds.
        const vector = Y.encodeStateVector(doc);
        const diff = Y.encodeStateAsUpdate(doc, this.storedVector);
        this.lastSeq = await log.append(documentId, diff);
        this.rows += 1;
        this.storedVector = vector;
        this.options.onStored(vector);
      }
      if (this.rows > this.options.compactAfter) await this.compact();
      this.failures = 0;
    } catch (error) {
      this.dirty = true;
      this.failures += 1;
      this.options.logger.error(
        { err: error, documentId, failures: this.failures },
        "storing the document failed; will retry",
      );
      throw error;
    }
  }

  private async compact(): Promise<void> {
    const { doc, documentId, log } = this.options;
    const vector = Y.encodeStateVector(doc);
    const snapshot = Y.encodeStateAsUpdate(doc);
    const seq = await log.compact(documentId, snapshot, this.lastSeq);
    this.lastSeq = seq;
    this.rows = 1;
    // The snapshot may hold edits that arrived after the last append.
    if (!equalBytes(vector, this.storedVector)) {
      this.storedVector = vector;
      this.options.onStored(vector);
    }
  }
}

function backoff(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(failures, 10));
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
