import type { TDocument, TDocumentKind } from "@caucus/shared";

/** A document's row, without the caller's role (added by the policy). */
export type TDocumentRecord = Omit<TDocument, "role" | "workspaceId"> & { workspaceId: string | null };

import type { SqlExecutor } from "../platform/db/SqlClient.js";

interface DocumentRow {
  id: string;
  title: string;
  kind: TDocumentKind;
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
  workspace_id: string | null;
}

const COLUMNS = "id, title, kind, created_at, updated_at, deleted_at, workspace_id";

/** Document metadata rows: titles, kinds and the soft-delete state. */
export class DocumentRepository {
  constructor(private readonly db: SqlExecutor) {}

  async create(input: {
    id: string;
    title: string;
    kind: TDocumentKind;
    workspaceId: string;
  }): Promise<TDocumentRecord> {
    const rows = await this.db.query<DocumentRow>(
      `INSERT INTO documents (id, title, kind, workspace_id) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [input.id, input.title, input.kind, input.workspaceId],
    );
    return present(single(rows));
  }

  /** The document, deleted or not; `null` when there is no such row. */
  async find(id: string): Promise<TDocumentRecord | null> {
    const rows = await this.db.query<DocumentRow>(`SELECT ${COLUMNS} FROM documents WHERE id = $1`, [id]);
    return rows[0] ? present(rows[0]) : null;
  }

  /** A workspace's live documents, or with `deleted` its trash; newest first. */
  async list(options: { workspaceId: string; deleted: boolean; limit: number }): Promise<TDocumentRecord[]> {
    const rows = await this.db.query<DocumentRow>(
      options.deleted
        ? `SELECT ${COLUMNS} FROM documents WHERE workspace_id = $1 AND deleted_at IS NOT NULL
           ORDER BY deleted_at DESC LIMIT $2`
        : `SELECT ${COLUMNS} FROM documents WHERE workspace_id = $1 AND deleted_at IS NULL
           ORDER BY updated_at DESC LIMIT $2`,
      [options.workspaceId, options.limit],
    );
    return rows.map(present);
  }

  /** Gives documents made before accounts existed to a workspace; returns how many. */
  async adoptOrphans(workspaceId: string): Promise<number> {
    const rows = await this.db.query<{ id: string }>(
      "UPDATE documents SET workspace_id = $1 WHERE workspace_id IS NULL RETURNING id",
      [workspaceId],
    );
    return rows.length;
  }

  async rename(id: string, title: string): Promise<TDocumentRecord | null> {
    const rows = await this.db.query<DocumentRow>(
      `UPDATE documents SET title = $2, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
      [id, title],
    );
    return rows[0] ? present(rows[0]) : null;
  }

  async softDelete(id: string): Promise<TDocumentRecord | null> {
    const rows = await this.db.query<DocumentRow>(
      `UPDATE documents SET deleted_at = now()
       WHERE id = $1 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ? present(rows[0]) : null;
  }

  /** Brings a deleted document back if it was deleted after `notBefore`. */
  async restore(id: string, notBefore: Date): Promise<TDocumentRecord | null> {
    const rows = await this.db.query<DocumentRow>(
      `UPDATE documents SET deleted_at = NULL, updated_at = now()
       WHERE id = $1 AND deleted_at IS NOT NULL AND deleted_at >= $2 RETURNING ${COLUMNS}`,
      [id, notBefore.toISOString()],
    );
    return rows[0] ? present(rows[0]) : null;
  }

  /** Removes for good what was deleted before `cutoff`; returns how many. */
  async purgeDeletedBefore(cutoff: Date): Promise<number> {
    const rows = await this.db.query<{ id: string }>(
      "DELETE FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < $1 RETURNING id",
      [cutoff.toISOString()],
    );
    return rows.length;
  }
}

function single<T>(rows: T[]): T {
  const row = rows[0];
  if (!row) throw new Error("expected one row");
  return row;
}

function present(row: DocumentRow): TDocumentRecord {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deletedAt: row.deleted_at === null ? null : iso(row.deleted_at),
    workspaceId: row.workspace_id,
  };
}

/** A timestamp column as ISO 8601 UTC. */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
