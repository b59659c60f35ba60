import type { TCallEstimate } from "@caucus/shared";
import { estimateDraft } from "@caucus/shared/editor";
import * as Y from "yjs";
import type { Logger } from "../logger.js";
import type { TRoomHooks } from "../sync/RoomHooks.js";
import type { UpdateLog } from "../sync/UpdateLog.js";
import type { BoardChanges } from "./BoardChanges.js";
import type { CallRepository } from "./CallRepository.js";

/** At most one estimate announcement per document this often, however fast people type. */
export const ESTIMATE_THROTTLE_MS = 2_000;
/** Estimates remembered (last announced, and computed from storage); forgotten all at once past this. */
const MAX_REMEMBERED = 10_000;

export interface DraftEstimatesOptions {
  calls: Pick<CallRepository, "workspacesLinking">;
  updates: Pick<UpdateLog, "load" | "lastSeq">;
  board: BoardChanges;
  /** The live Y.Doc of a document open in this process's sync server, if it is. */
  loadedDocument: (documentId: string) => Promise<Y.Doc | undefined>;
  logger: Logger;
  throttleMs?: number;
}

/**
 * The speaking time of the drafts linked to calls: computed on demand for a
 * listing (from the live Y.Doc when the document is open here, else from
 * storage), and announced on the board when a draft is edited (its `edited`
 * room hook), at most once per {@link ESTIMATE_THROTTLE_MS} per document and
 * only when it changed.
 */
export class DraftEstimates implements TRoomHooks {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly announced = new Map<string, string>();
  /** Estimates of drafts not open here, by the last stored row they were computed from. */
  private readonly fromStorage = new Map<string, { seq: number; estimate: TCallEstimate }>();
  private readonly throttleMs: number;

  constructor(private readonly options: DraftEstimatesOptions) {
    this.throttleMs = options.throttleMs ?? ESTIMATE_THROTTLE_MS;
  }

  /** A draft's estimate now; null if its stored state cannot be read. */
  async of(documentId: string): Promise<TCallEstimate | null> {
    const live = await this.options.loadedDocument(documentId);
    if (live) return estimateDraft(live);
    const doc = new Y.Doc();
    try {
      // A board of hundreds of calls lists often: read a draft's rows only
      // when something was stored since its estimate was computed.
      const seq = await this.options.updates.lastSeq(documentId);
      const cached = this.fromStorage.get(documentId);
      if (cached && cached.seq === seq) return cached.estimate;
      const stored = await this.options.updates.load(documentId);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      const estimate = estimateDraft(doc);
      if (this.fromStorage.size >= MAX_REMEMBERED) this.fromStorage.clear();
      this.fromStorage.set(documentId, { seq: stored.lastSeq, estimate });
      return estimate;
    } catch (error) {
      this.options.logger.warn({ err: error, documentId }, "could not estimate a draft's speaking time");
      return null;
    } finally {
      doc.destroy();
    }
  }

  /** A document changed (an edit, here or relayed from another instance): announce its estimate soon. */
  edited(documentId: string): void {
    if (this.timers.has(documentId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(documentId);
      this.announce(documentId).catch((error: unknown) =>
        this.options.logger.warn({ err: error, documentId }, "announcing a draft's estimate failed"),
      );
    }, this.throttleMs);
    timer.unref();
    this.timers.set(documentId, timer);
  }

  /** Announces now (a call just linked this draft, or the throttle window ended). */
  async announce(documentId: string): Promise<void> {
    const workspaces = await this.options.calls.workspacesLinking(documentId);
    if (workspaces.length === 0 || !workspaces.some((id) => this.options.board.mayBeFollowed(id))) {
      // Nobody here follows a board showing this draft; a later listing computes it afresh.
      this.announced.delete(documentId);
      return;
    }
    const estimate = await this.of(documentId);
    if (!estimate) return;
    const key = JSON.stringify(estimate);
    if (this.announced.get(documentId) === key) return;
    if (this.announced.size >= MAX_REMEMBERED) this.announced.clear();
    this.announced.set(documentId, key);
    for (const workspaceId of workspaces) {
      this.options.board.publish(workspaceId, { type: "estimate", documentId, estimate });
    }
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
