import type { SqlClient } from "../platform/db/SqlClient.js";
import type { OpenStreams } from "../streams/OpenStreams.js";
import type { AuditLog } from "../workspaces/AuditLog.js";
import type { CommentChanges } from "./CommentChanges.js";
import type { CommentRepository } from "./CommentRepository.js";

/** What the comment routes and verbs need; compose.ts builds them once per process. */
export interface TCommentDeps {
  audit: AuditLog;
  /** What changed in each document's comments, for its streams. */
  commentChanges: CommentChanges;
  /** Documents' comment threads. */
  comments: CommentRepository;
  db: SqlClient;
  /** The event streams open here: capped per person and address, ended when access ends. */
  streams: OpenStreams;
}
