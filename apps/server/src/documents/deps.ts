import type { AccessChanges } from "../auth/AccessChanges.js";
import type { SyncTokens } from "../auth/syncToken.js";
import type { BoardChanges } from "../calls/BoardChanges.js";
import type { CallRepository } from "../calls/CallRepository.js";
import type { DraftEstimates } from "../calls/DraftEstimates.js";
import type { Logger } from "../logger.js";
import type { SqlClient } from "../platform/db/SqlClient.js";
import type { SyncServer } from "../sync/SyncServer.js";
import type { UpdateLog } from "../sync/UpdateLog.js";
import type { TemplateRepository } from "../templates/TemplateRepository.js";
import type { AuditLog } from "../workspaces/AuditLog.js";
import type { WorkspaceRepository } from "../workspaces/WorkspaceRepository.js";
import type { DocumentRepository } from "./DocumentRepository.js";
import type { GrantRepository } from "./GrantRepository.js";

/** What the document routes and verbs need; compose.ts builds them once per process. */
export interface TDocumentDeps {
  accessChanges: AccessChanges;
  audit: AuditLog;
  /** What changed on each workspace's calls board, for its streams. */
  board: BoardChanges;
  calls: CallRepository;
  db: SqlClient;
  documents: DocumentRepository;
  /** Linked drafts' speaking time: computed for listings, announced on edits. */
  estimates: DraftEstimates;
  grants: GrantRepository;
  logger: Logger;
  sync: Pick<SyncServer, "closeDocument" | "loadedDocument">;
  syncTokens: SyncTokens;
  /** Workspaces' own templates per document kind. */
  templates: TemplateRepository;
  /** Documents' Yjs updates; services write here only before a room is open (a new document's first state). */
  updates: UpdateLog;
  workspaces: WorkspaceRepository;
}
