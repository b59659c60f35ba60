import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import type { Logger } from "../logger.js";
import {
  backoff,
  type StoreScheduler,
  type TScheduledStore,
  type TScheduledWrite,
} from "./StoreScheduler.js";
import type { UpdateLog } from "./UpdateLog.js";

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
  /** Called with the stored state vector whenever it moves forward. */
  onStored: (stateVector: Uint8Array) => void;
  /**
   * Called after a write with, per instance (hex id), the last of its edit
   * seqs that write covered: our own edits and those adopted from others.
   */
  onWritten?: (covered: Map<string, number>) => void;
  /**
   * Per client, the first clock of content this room holds for another
   * instance to store and that is not known stored yet; the state vector
   * announced to clients never claims past it.
   */
  unconfirmed?: () => Map<number, number> | undefined;
}

/** One prepared write: the updates to store, and the state vector to announce once stored. */
export interface PreparedWrite extends TScheduledWrite {
  store: RoomStore;
  vector: Uint8Array;
  /** The store's `mark` when the write was prepared: once stored, everything marked up to it is. */
  mark: number;
  /** Per instance, the last edit seq this write covers. */
  covered: Map<string, number>;
}

/** Updates kept apart before they are merged into one (a burst of 50,000 keystrokes). */
const MAX_SEPARATE_UPDATES = 500;

/**
 * Keeps one live document stored. Only edits this instance is responsible
 * for are written: those its own sockets made, and those it adopted from an
 * instance that died before storing them. Edits fanned out from other
 * instances are theirs to store, so several instances holding a document
 * never write the same edit twice. A write merges the updates that arrived
 * since the last one (proportional to what changed, never the whole delete
 * set again); past {@link MAX_SEPARATE_UPDATES} the list is merged in place
 * so it stays short. Regular writes go through the shared scheduler;
 * `flush` writes at once (unload, shutdown). Failures keep the document
 * dirty and retry with backoff.
 */
export class RoomStore implements TScheduledStore {
  private storedVector: Uint8Array;
  private rows: number;
  private dirty = false;
  /** Updates since the last write. */
  private unstored: Uint8Array[] = [];
  /** Per instance, the last edit seq among `unstored`. */
  private owed = new Map<string, number>();
  private running: Promise<unknown> | undefined;
  /** Updates marked dirty so far: a count that says how far storage must get. */
  private marked = 0;
  /** `marked` when the last write was prepared. */
  private prepared = 0;
  /** `marked` when the last write that succeeded was prepared: what was marked up to it is stored. */
  private stored = 0;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly options: RoomStoreOptions) {
    this.storedVector = Y.encodeStateVector(options.doc);
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

  /**
   * Positions in the stream of updates this store must write (one per
   * `markDirty`): `mark` is the latest, `preparedMark` the last written or
   * being written, `storedMark` the last known stored. A state vector cannot
   * show a deletion stored (it advances no clock); these can. Something
   * that happened when the store stood at `mark` is stored once
   * `storedMark` reaches it.
   */
  get mark(): number {
    return this.marked;
  }

  get preparedMark(): number {
    return this.prepared;
  }

  get storedMark(): number {
    return this.stored;
  }

  /**
   * Notes an update this instance must store: `owner`'s edit number `seq`
   * (our own, or adopted). The scheduler writes it within a window.
   */
  markDirty(update: Uint8Array, owner: string, seq: number): void {
    this.dirty = true;
    this.marked += 1;
    this.unstored.push(update);
    if (this.unstored.length > MAX_SEPARATE_UPDATES) this.unstored = [Y.mergeUpdates(this.unstored)];
    const previous = this.owed.get(owner);
    if (previous === undefined || seq > previous) this.owed.set(owner, seq);
    if (!this.running && !this.retryTimer) this.options.scheduler.enqueue(this);
  }

  /**
   * Another instance stored what this room held for it: when nothing of
   * ours is waiting, clients can be told the document is stored up to now.
   */
  refreshStored(): void {
    if (this.dirty || this.running || this.disposed) return;
    this.advanceStored(this.announceableVector());
  }

  /** Stores everything now and resolves when storage holds it (or throws). */
  async flush(): Promise<void> {
    this.options.scheduler.withdraw(this);
    while (this.running) await this.running.catch(() => {});
    const write = this.prepareWrite();
    if (write) {
      const appended = this.options.log.append(write.documentId, write.update);
      this.beginWrite(appended);
      try {
        await appended;
        this.finishWrite(write);
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
    // Vector and update are taken in the same tick: once the update is
    // stored, everything the vector covers is stored (ours by this write,
    // the rest before or by its owner, capped by `unconfirmed`).
    const vector = this.announceableVector();
    const unstored = this.unstored;
    const update = unstored.length === 1 ? (unstored[0] as Uint8Array) : Y.mergeUpdates(unstored);
    const covered = this.owed;
    this.unstored = [];
    this.owed = new Map();
    this.prepared = this.marked;
    return { store: this, documentId: this.options.documentId, update, vector, covered, mark: this.marked };
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

  finishWrite(write: PreparedWrite): void {
    this.running = undefined;
    this.failures = 0;
    this.rows += 1;
    this.stored = write.mark;
    // With nothing of ours written since, the whole document as of now is
    // stored but for held edits: that also counts confirmations from other
    // instances that arrived while this write ran.
    this.advanceStored(this.dirty ? write.vector : this.announceableVector());
    this.options.onWritten?.(write.covered);
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
    // matter to Yjs.
    this.unstored.unshift(write.update);
    for (const [owner, seq] of write.covered) {
      if (seq > (this.owed.get(owner) ?? -1)) this.owed.set(owner, seq);
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

  /**
   * Folds the document's rows into one snapshot, from what the database
   * holds (not this room's memory, which may lack rows other instances
   * wrote while Redis was away). Skipped when another instance is folding
   * the same document at that moment.
   */
  private async compactNow(): Promise<void> {
    const { documentId, log, logger } = this.options;
    const compaction = log.compact(documentId);
    this.beginWrite(compaction);
    try {
      await compaction;
      this.running = undefined;
      this.rows = 1;
      this.failures = 0;
      // Confirmations that arrived while folding were put off until now.
      this.refreshStored();
    } catch (error) {
      this.running = undefined;
      this.failures += 1;
      logger.error({ err: error, documentId, failures: this.failures }, "compacting the document failed");
      this.retryLater();
      throw error;
    }
    if (this.dirty && !this.disposed) this.options.scheduler.enqueue(this);
  }

  /** The document's state vector, capped where content awaits another instance's write. */
  private announceableVector(): Uint8Array {
    const unconfirmed = this.options.unconfirmed?.();
    if (!unconfirmed || unconfirmed.size === 0) return Y.encodeStateVector(this.options.doc);
    const vector = Y.decodeStateVector(Y.encodeStateVector(this.options.doc));
    for (const [client, clock] of unconfirmed) {
      const held = vector.get(client);
      if (held !== undefined && held > clock) vector.set(client, clock);
    }
    return encodeStateVectorMap(vector);
  }

  private advanceStored(vector: Uint8Array): void {
    if (equalBytes(vector, this.storedVector)) return;
    this.storedVector = vector;
    this.options.onStored(vector);
  }
}

/** Encodes a client → clock map the way `Y.encodeStateVector` does. */
function encodeStateVectorMap(vector: Map<number, number>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, vector.size);
  for (const [client, clock] of vector) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
