import { authorizeDocument } from "../documents/policy.js";
import { ForbiddenError, NotFoundError } from "../errors.js";
import type { SqlClient } from "../platform/db/SqlClient.js";
import { sessionIsLive } from "../sync/admitSocket.js";
import { authorizeWorkspace } from "../workspaces/policy.js";
import type { WorkspaceRepository } from "../workspaces/WorkspaceRepository.js";
import type { TStreamHolder, TStreamScope } from "./OpenStreams.js";

/**
 * Whether someone may still follow an event stream: their session is live
 * and the rule that let them open it still holds (reading the document for
 * its comments; membership for a workspace's board and presence). Throws
 * when the database cannot tell.
 */
export async function mayStillFollow(
  db: SqlClient,
  workspaces: WorkspaceRepository,
  holder: TStreamHolder,
  scope: TStreamScope,
): Promise<boolean> {
  if (!(await sessionIsLive(db, holder.sessionId, holder.userId))) return false;
  try {
    if (scope.documentId) await authorizeDocument(db, holder.userId, scope.documentId, "document:read");
    else await authorizeWorkspace(workspaces, holder.userId, scope.workspaceId, "workspace:read");
    return true;
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof NotFoundError) return false;
    throw error;
  }
}
