import type { SqlClient } from "../platform/db/SqlClient.js";
import type { UpdateLog } from "../sync/UpdateLog.js";
import type { AuditLog } from "../workspaces/AuditLog.js";
import type { WorkspaceRepository } from "../workspaces/WorkspaceRepository.js";
import type { TemplateRepository } from "./TemplateRepository.js";

/** What the template routes and verbs need; compose.ts builds them once per process. */
export interface TTemplateDeps {
  audit: AuditLog;
  db: SqlClient;
  /** Workspaces' own templates per document kind. */
  templates: TemplateRepository;
  /** Documents' Yjs updates; services write here only before a room is open (a new document's first state). */
  updates: UpdateLog;
  workspaces: WorkspaceRepository;
}
