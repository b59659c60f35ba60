import type { Logger } from "../logger.js";
import type { TRoomHooks } from "../sync/RoomHooks.js";

export interface AutoVersionsOptions {
  /** How long a document must go without edits before its automatic version is taken. */
  quietMs: number;
  /** Takes the automatic version (skipped inside when the text did not change). */
  take: (documentId: string) => Promise<unknown>;
  logger: Logger;
}

/**
 * Automatic versions: a document edited and then left quiet for `quietMs`
 * gets one, so yesterday's text can always be found. Hears every update of
 * a loaded room (its `edited` room hook); an update only records the time,
 * and one timer per document re-arms itself until the quiet period has
 * passed, so typing costs no timer per keystroke.
 */
export class AutoVersions implements TRoomHooks {
  private readonly lastEdit = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: AutoVersionsOptions) {}

  /** A document changed: its automatic version is due once it has been quiet long enough. */
  edited(documentId: string): void {
    this.lastEdit.set(documentId, Date.now());
    if (!this.timers.has(documentId)) this.arm(documentId, this.options.quietMs);
  }

  /** Documents waiting for their quiet period to end. */
  get pending(): number {
    return this.timers.size;
  }

  /** Stops every timer; edits of the last quiet period get no automatic version. */
  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.lastEdit.clear();
  }

  private arm(documentId: string, delayMs: number): void {
    const timer = setTimeout(() => this.due(documentId), delayMs);
    timer.unref();
    this.timers.set(documentId, timer);
  }

  private due(documentId: string): void {
    this.timers.delete(documentId);
    const last = this.lastEdit.get(documentId) ?? 0;
    const wait = last + this.options.quietMs - Date.now();
    if (wait > 0) {
      this.arm(documentId, wait);
      return;
    }
    this.lastEdit.delete(documentId);
    this.options
      .take(documentId)
      .catch((error: unknown) =>
        this.options.logger.warn({ err: error, documentId }, "taking an automatic version failed"),
      );
  }
}
