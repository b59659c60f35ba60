import type { SqlClient } from "../platform/db/SqlClient.js";
import type { AuditLog } from "../workspaces/AuditLog.js";
import type { WorkspaceRepository } from "../workspaces/WorkspaceRepository.js";
import type { AccessChanges } from "./AccessChanges.js";
import type { PasswordResets } from "./PasswordResets.js";

/** What the account routes need; compose.ts builds them once per process. */
export interface TAccountDeps {
  accessChanges: AccessChanges;
  audit: AuditLog;
  db: SqlClient;
  passwordResets: PasswordResets;
  workspaces: WorkspaceRepository;
}
