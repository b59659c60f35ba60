import type { TDocumentGrant, TRole } from "@caucus/shared";
import type { SqlExecutor } from "../platform/db/SqlClient.js";

interface GrantRow {
  user_id: string;
  name: string;
  email: string;
  role: TRole;
  is_member: boolean;
}

/** Per-document roles: one person, one document. */
export class GrantRepository {
  constructor(private readonly db: SqlExecutor) {}

  async list(documentId: string): Promise<TDocumentGrant[]> {
    const rows = await this.db.query<GrantRow>(
      `SELECT g.user_id, u.name, u.email, g.role, (m.user_id IS NOT NULL) AS is_member
       FROM document_grants g
       JOIN documents d ON d.id = g.document_id
       JOIN "users" u ON u.id = g.user_id
       LEFT JOIN members m ON m.workspace_id = d.workspace_id AND m.user_id = g.user_id
       WHERE g.document_id = $1 ORDER BY lower(u.name), u.email`,
      [documentId],
    );
    return rows.map((row) => ({
      userId: row.user_id,
      name: row.name,
      email: row.email,
      role: row.role,
      isMember: row.is_member,
    }));
  }

  async set(documentId: string, userId: string, role: TRole): Promise<void> {
    await this.db.query(
      `INSERT INTO document_grants (document_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (document_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [documentId, userId, role],
    );
  }

  /** Removes a grant; false when there was none. */
  async remove(documentId: string, userId: string): Promise<boolean> {
    const rows = await this.db.query(
      "DELETE FROM document_grants WHERE document_id = $1 AND user_id = $2 RETURNING user_id",
      [documentId, userId],
    );
    return rows.length > 0;
  }
}
