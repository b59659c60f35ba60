import type { AccessChanges } from "./auth/AccessChanges.js";
import type { SyncTokens } from "./auth/syncToken.js";
import type { BoardChanges } from "./board/BoardChanges.js";
import type { DraftEstimates } from "./board/DraftEstimates.js";
import type { CommentChanges } from "./comments/CommentChanges.js";
import type { Logger } from "./logger.js";
import type { PresenceService } from "./presence/PresenceService.js";
import type { OpenStreams } from "./routes/OpenStreams.js";
import type { AuditLog } from "./storage/AuditLog.js";
import type { CallRepository } from "./storage/CallRepository.js";
import type { CommentRepository } from "./storage/CommentRepository.js";
import type { DocumentRepository } from "./storage/DocumentRepository.js";
import type { GrantRepository } from "./storage/GrantRepository.js";
import type { InvitationRepository } from "./storage/InvitationRepository.js";
import type { SqlClient } from "./storage/SqlClient.js";
import type { TemplateRepository } from "./storage/TemplateRepository.js";
import type { UpdateLog } from "./storage/UpdateLog.js";
import type { VersionRepository } from "./storage/VersionRepository.js";
import type { WorkspaceRepository } from "./storage/WorkspaceRepository.js";
import type { SyncServer } from "./sync/SyncServer.js";
import type { AutoVersions } from "./versions/AutoVersions.js";

/** What services work with: the repositories and the buses, built once in server.ts. */
export interface TServiceContext {
  db: SqlClient;
  documents: DocumentRepository;
  /** Documents' Yjs updates; services write here only before a room is open (a new document's first state). */
  updates: UpdateLog;
  workspaces: WorkspaceRepository;
  grants: GrantRepository;
  invitations: InvitationRepository;
  audit: AuditLog;
  accessChanges: AccessChanges;
  syncTokens: SyncTokens;
  presence: PresenceService;
  calls: CallRepository;
  /** Workspaces' own templates per document kind. */
  templates: TemplateRepository;
  /** What changed on each workspace's calls board, for its streams. */
  board: BoardChanges;
  /** Linked drafts' speaking time: computed for listings, announced on edits. */
  estimates: DraftEstimates;
  /** Documents' named and automatic versions. */
  versions: VersionRepository;
  /** Takes a document's automatic version once edits have gone quiet. */
  autoVersions: AutoVersions;
  /** Documents' comment threads. */
  comments: CommentRepository;
  /** What changed in each document's comments, for its streams. */
  commentChanges: CommentChanges;
  /** The event streams open here: capped per person and address, ended when access ends. */
  streams: OpenStreams;
  sync: Pick<SyncServer, "closeDocument" | "loadedDocument">;
  logger: Logger;
}
