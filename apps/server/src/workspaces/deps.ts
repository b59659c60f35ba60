import type { AccessChanges } from "../auth/AccessChanges.js";
import type { PasswordResets } from "../auth/PasswordResets.js";
import type { DocumentRepository } from "../documents/DocumentRepository.js";
import type { TDocumentDeps } from "../documents/deps.js";
import type { GrantRepository } from "../documents/GrantRepository.js";
import type { InvitationRepository } from "../invitations/InvitationRepository.js";
import type { Logger } from "../logger.js";
import type { SqlClient } from "../platform/db/SqlClient.js";
import type { AuditLog } from "./AuditLog.js";
import type { WorkspaceRepository } from "./WorkspaceRepository.js";

/** What the workspace routes and verbs need; compose.ts builds them once per process. */
export interface TWorkspaceDeps
  extends Pick<TDocumentDeps, "updates" | "templates" | "estimates" | "calls" | "board"> {
  accessChanges: AccessChanges;
  audit: AuditLog;
  db: SqlClient;
  documents: DocumentRepository;
  grants: GrantRepository;
  invitations: InvitationRepository;
  logger: Logger;
  passwordResets: PasswordResets;
  /** PUBLIC_URL's origin, for links shown to people; the request's own when unset. */
  publicOrigin: string | undefined;
  workspaces: WorkspaceRepository;
}
