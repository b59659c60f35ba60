import type { DocumentRepository } from "../documents/DocumentRepository.js";
import type { TDocumentDeps } from "../documents/deps.js";
import type { SqlClient } from "../platform/db/SqlClient.js";
import type { OpenStreams } from "../streams/OpenStreams.js";
import type { UpdateLog } from "../sync/UpdateLog.js";
import type { AuditLog } from "../workspaces/AuditLog.js";
import type { WorkspaceRepository } from "../workspaces/WorkspaceRepository.js";
import type { BoardChanges } from "./BoardChanges.js";
import type { CallRepository } from "./CallRepository.js";
import type { DraftEstimates } from "./DraftEstimates.js";

/** What the calls board's routes and verbs need; compose.ts builds them once per process. */
export interface TCallsDeps extends Pick<TDocumentDeps, "templates"> {
  audit: AuditLog;
  /** What changed on each workspace's calls board, for its streams. */
  board: BoardChanges;
  calls: CallRepository;
  db: SqlClient;
  documents: DocumentRepository;
  /** Linked drafts' speaking time: computed for listings, announced on edits. */
  estimates: DraftEstimates;
  /** The event streams open here: capped per person and address, ended when access ends. */
  streams: OpenStreams;
  /** Documents' Yjs updates; services write here only before a room is open (a new document's first state). */
  updates: UpdateLog;
  workspaces: WorkspaceRepository;
}
