import { allows, effectiveRole, type TPermission, type TRole } from "@caucus/shared";
import { ForbiddenError, NotFoundError } from "../errors.js";
import type { SqlExecutor } from "../platform/db/SqlClient.js";
import type { TDocumentRecord } from "./DocumentRepository.js";

/** What one person may do on one document. */
export interface TDocumentAccess {
  document: TDocumentRecord & { workspaceId: string };
  /** Their effective role: a per-document grant, else their workspace role; an owner stays owner. */
  role: TRole;
  /** False for a guest: someone with a grant on this document only. */
  isMember: boolean;
}

interface AccessRow {
  id: string;
  title: string;
  kind: TDocumentRecord["kind"];
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
  workspace_id: string | null;
  member_role: TRole | null;
  grant_role: TRole | null;
}

/**
 * Finds a document and the caller's role on it in one query. `null` role
 * means no access at all. Used by REST and the sync socket alike.
 */
export async function findDocumentAccess(
  db: SqlExecutor,
  userId: string,
  documentId: string,
): Promise<{ document: TDocumentRecord; role: TRole | null; isMember: boolean } | null> {
  const rows = await db.query<AccessRow>(
    `SELECT d.id, d.title, d.kind, d.created_at, d.updated_at, d.deleted_at, d.workspace_id,
       m.role AS member_role, g.role AS grant_role
     FROM documents d
     LEFT JOIN members m ON m.workspace_id = d.workspace_id AND m.user_id = $2
     LEFT JOIN document_grants g ON g.document_id = d.id AND g.user_id = $2
     WHERE d.id = $1`,
    [documentId, userId],
  );
  const row = rows[0];
  if (!row) return null;
  const document: TDocumentRecord = {
    id: row.id,
    title: row.title,
    kind: row.kind,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    deletedAt: row.deleted_at === null ? null : new Date(row.deleted_at).toISOString(),
    workspaceId: row.workspace_id,
  };
  return {
    document,
    role: effectiveRole(row.member_role, row.grant_role),
    isMember: row.member_role !== null,
  };
}

// The rule itself is shared with the web app; the sync socket asks it here.
export { allows };

/**
 * The caller's access to a document for `permission`, or a thrown error:
 * 404 when there is no such document (or it is in the trash and
 * `allowDeleted` is not set), 403 when they may not.
 */
export async function authorizeDocument(
  db: SqlExecutor,
  userId: string,
  documentId: string,
  permission: TPermission,
  options: { allowDeleted?: boolean } = {},
): Promise<TDocumentAccess> {
  const found = await findDocumentAccess(db, userId, documentId);
  if (!found?.document.workspaceId || (found.document.deletedAt && !options.allowDeleted)) {
    throw new NotFoundError("The document");
  }
  if (!found.role || !allows(found, permission)) throw new ForbiddenError();
  return {
    document: { ...found.document, workspaceId: found.document.workspaceId },
    role: found.role,
    isMember: found.isMember,
  };
}
