/**
 * What a `DocumentRoom` is built from: what every room of one sync server
 * shares (limits, storage, the fan-out, the features' hooks) and what
 * loading read of one document.
 */
import { Limits } from "@caucus/shared";
import type * as Y from "yjs";
import type { Logger } from "../logger.js";
import type { ClientClaims } from "./ClientClaims.js";
import type { DocumentFanout } from "./DocumentFanout.js";
import type { TCaretLimits } from "./RoomCarets.js";
import type { RoomHooks } from "./RoomHooks.js";
import type { StoreScheduler } from "./StoreScheduler.js";
import type { SyncStats } from "./SyncStats.js";
import type { UpdateLog } from "./UpdateLog.js";

/** What one room allows its sockets. */
export interface TRoomLimits extends TCaretLimits {
  /** Largest encoded state; an update past it closes its socket with 4413. */
  maxDocumentBytes: number;
}

export const DEFAULT_ROOM_LIMITS: TRoomLimits = {
  maxDocumentBytes: Limits.maxDocumentBytes,
  awarenessUpdatesPerSecond: Limits.awarenessUpdatesPerSecond,
  maxAwarenessBytes: Limits.maxAwarenessBytes,
  maxAwarenessClients: Limits.maxAwarenessClients,
};

/** What every room of one sync server shares. */
export interface TRoomContext {
  limits: TRoomLimits;
  log: UpdateLog;
  logger: Logger;
  /** Writes every dirty room of the process together. */
  scheduler: StoreScheduler;
  /** Rows in a document's log before they are folded into one snapshot. */
  compactAfter: number;
  fanout: DocumentFanout;
  /** Numbers this process's edits across documents. */
  nextSeq: () => number;
  /** How long edits from another instance wait for it to store them before this one does. */
  adoptAfterMs: number;
  stats?: SyncStats;
  hooks: RoomHooks;
}

/** One document as read from storage, for its room to own. */
export interface TLoadedDocument {
  documentId: string;
  doc: Y.Doc;
  /** Bytes of the stored rows it was built from. */
  bytes: number;
  /** Rows in its log. */
  rows: number;
  /** Whose each of its client ids is. */
  claims: ClientClaims;
  /** Stops hearing the other instances about it: what joining the fan-out returned. */
  leave: () => Promise<void>;
}
