import type { TInvitation, TRole } from "@caucus/shared";
import { iso } from "../documents/DocumentRepository.js";
import type { SqlClient } from "../platform/db/SqlClient.js";

interface InvitationRow {
  id: string;
  workspace_id: string;
  role: TRole;
  document_id: string | null;
  expires_at: Date | string;
  created_at: Date | string;
  created_by: string | null;
  created_by_name: string | null;
}

/** A usable invitation found by its token, with what accepting needs. */
export interface TOpenInvitation extends TInvitation {
  workspaceName: string;
  documentTitle: string | null;
}

const SELECT = `SELECT i.id, i.workspace_id, i.role, i.document_id, i.expires_at, i.created_at,
  i.created_by, u.name AS created_by_name
  FROM invitations i LEFT JOIN "users" u ON u.id = i.created_by`;

/** Invitation links; only a hash of each token is stored. */
export class InvitationRepository {
  constructor(private readonly db: SqlClient) {}

  async create(input: {
    id: string;
    workspaceId: string;
    tokenHash: string;
    role: TRole;
    documentId: string | null;
    createdBy: string;
    expiresAt: Date;
  }): Promise<TInvitation> {
    await this.db.query(
      `INSERT INTO invitations (id, workspace_id, token_hash, role, document_id, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        input.id,
        input.workspaceId,
        input.tokenHash,
        input.role,
        input.documentId,
        input.createdBy,
        input.expiresAt.toISOString(),
      ],
    );
    const rows = await this.db.query<InvitationRow>(`${SELECT} WHERE i.id = $1`, [input.id]);
    return present(rows[0] as InvitationRow);
  }

  /** Unused, unrevoked, unexpired invitations of a workspace, newest first. */
  async listOpen(workspaceId: string): Promise<TInvitation[]> {
    const rows = await this.db.query<InvitationRow>(
      `${SELECT} WHERE i.workspace_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL
       AND i.expires_at > now() ORDER BY i.created_at DESC`,
      [workspaceId],
    );
    return rows.map(present);
  }

  /** The open invitation a token names, or `null`. */
  async findOpenByHash(tokenHash: string): Promise<TOpenInvitation | null> {
    const rows = await this.db.query<
      InvitationRow & { workspace_name: string; document_title: string | null }
    >(
      `SELECT i.id, i.workspace_id, i.role, i.document_id, i.expires_at, i.created_at, i.created_by,
         u.name AS created_by_name, w.name AS workspace_name, d.title AS document_title
       FROM invitations i
       JOIN workspaces w ON w.id = i.workspace_id
       LEFT JOIN "users" u ON u.id = i.created_by
       LEFT JOIN documents d ON d.id = i.document_id AND d.deleted_at IS NULL
       WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    return { ...present(row), workspaceName: row.workspace_name, documentTitle: row.document_title };
  }

  /** Marks an invitation used; false if someone used or revoked it first. */
  async markAccepted(id: string, userId: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE invitations SET accepted_by = $2, accepted_at = now()
       WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now() RETURNING id`,
      [id, userId],
    );
    return rows.length > 0;
  }

  /** Revokes an open invitation of `workspaceId`; false if there is none. */
  async revoke(workspaceId: string, id: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE invitations SET revoked_at = now()
       WHERE id = $1 AND workspace_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id`,
      [id, workspaceId],
    );
    return rows.length > 0;
  }
}

function present(row: InvitationRow): TInvitation {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    role: row.role,
    documentId: row.document_id,
    expiresAt: iso(row.expires_at),
    createdAt: iso(row.created_at),
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? "" } : null,
  };
}
