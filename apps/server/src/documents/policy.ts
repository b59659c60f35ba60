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

/** Everything that decides a person's role on any document: their role in each workspace, their grants. */
export interface TPersonRights {
  /** Workspace id → role. */
  memberships: ReadonlyMap<string, TRole>;
  /** Document id → role. */
  grants: ReadonlyMap<string, TRole>;
}

/** Where a document lives, when it exists, belongs to a workspace and is not in the trash. */
export interface TDocumentPlace {
  workspaceId: string;
}

/** Rows of each kind `findPersonRights` reads at most; past it, the person's rights are not complete. */
const MAX_RIGHTS_ROWS = 1_000;

/**
 * In one statement: where a document lives (`null`: no such document, in
 * no workspace, or in the trash) and the person's rights, complete unless
 * they hold more than MAX_RIGHTS_ROWS memberships or grants (then only
 * what decides this document is read for sure). For the sync gate, which
 * keeps both to answer the person's next documents, and others' next
 * sockets on this one, without a statement.
 */
export async function findPersonRights(
  db: SqlExecutor,
  userId: string,
  documentId: string,
): Promise<{ place: TDocumentPlace | null; rights: TPersonRights; complete: boolean }> {
  const rows = await db.query<{
    kind: string;
    id: string | null;
    deleted: boolean | null;
    role: TRole | null;
  }>(
    `SELECT 'place' AS kind, d.workspace_id::text AS id, d.deleted_at IS NOT NULL AS deleted, NULL AS role
       FROM documents d WHERE d.id = $2
     UNION ALL
     SELECT 'member', m.workspace_id::text, NULL, m.role
       FROM members m JOIN documents d ON d.workspace_id = m.workspace_id WHERE m.user_id = $1 AND d.id = $2
     UNION ALL
     SELECT 'grant', g.document_id::text, NULL, g.role FROM document_grants g WHERE g.user_id = $1 AND g.document_id = $2
     UNION ALL
     (SELECT 'members', m.workspace_id::text, NULL, m.role FROM members m WHERE m.user_id = $1 LIMIT $3)
     UNION ALL
     (SELECT 'grants', g.document_id::text, NULL, g.role FROM document_grants g WHERE g.user_id = $1 LIMIT $3)`,
    [userId, documentId, MAX_RIGHTS_ROWS + 1],
  );
  let place: TDocumentPlace | null = null;
  const memberships = new Map<string, TRole>();
  const grants = new Map<string, TRole>();
  let memberRows = 0;
  let grantRows = 0;
  for (const row of rows) {
    if (row.kind === "place") {
      if (row.id && !row.deleted) place = { workspaceId: row.id };
    } else if (row.id && row.role) {
      if (row.kind === "member" || row.kind === "members") memberships.set(row.id, row.role);
      else grants.set(row.id, row.role);
      if (row.kind === "members") memberRows++;
      if (row.kind === "grants") grantRows++;
    }
  }
  const complete = memberRows <= MAX_RIGHTS_ROWS && grantRows <= MAX_RIGHTS_ROWS;
  return { place, rights: { memberships, grants }, complete };
}

/**
 * A person's role on a document from their rights: a grant, else their
 * role in the document's workspace (an owner stays owner), as
 * `findDocumentAccess` reads it in SQL.
 */
export function accessFromRights(
  rights: TPersonRights,
  documentId: string,
  place: TDocumentPlace,
): { role: TRole | null; isMember: boolean } {
  const memberRole = rights.memberships.get(place.workspaceId) ?? null;
  return {
    role: effectiveRole(memberRole, rights.grants.get(documentId) ?? null),
    isMember: memberRole !== null,
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
