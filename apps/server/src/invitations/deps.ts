import type { AccessChanges } from "../auth/AccessChanges.js";
import type { DocumentRepository } from "../documents/DocumentRepository.js";
import type { GrantRepository } from "../documents/GrantRepository.js";
import type { SqlClient } from "../platform/db/SqlClient.js";
import type { AuditLog } from "../workspaces/AuditLog.js";
import type { WorkspaceRepository } from "../workspaces/WorkspaceRepository.js";
import type { InvitationRepository } from "./InvitationRepository.js";

/** What the invitation routes and verbs need; compose.ts builds them once per process. */
export interface TInvitationDeps {
  accessChanges: AccessChanges;
  audit: AuditLog;
  db: SqlClient;
  documents: DocumentRepository;
  grants: GrantRepository;
  invitations: InvitationRepository;
  workspaces: WorkspaceRepository;
}
