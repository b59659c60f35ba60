import type { TDocument, TDocumentKind } from "@caucus/shared";
import type { SqlExecutor } from "./SqlClient.js";

interface DocumentRow {
  id: string;
  title: string;
  kind: TDocumentKind;
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
}

const COLUMNS = "id, title, kind, created_at, updated_at, deleted_at";

/** Document metadata rows: titles, kinds and the soft-delete state. */
export class DocumentRepository {
  constructor(private readonly db: SqlExecutor) {}

  async create(input: { id: string; title: string; kind: TDocumentKind }): Promise<TDocument> {
    const rows = await this.db.query<DocumentRow>(
      `INSERT INTO documents (id, title, kind) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [input.id, input.title, input.kind],
    );
    return present(single(rows));
  }

  /** The document, deleted or not; `null` when there is no such row. */
  async find(id: string): Promise<TDocument | null> {
    const rows = await this.db.query<DocumentRow>(`SELECT ${COLUMNS} FROM documents WHERE id = $1`, [id]);
    return rows[0] ? present(rows[0]) : null;
  }

  /** Live documents, or with `deleted` the ones in the trash; newest first. */
  async list(options: { deleted: boolean; limit: number }): Promise<TDocument[]> {
    const rows = await this.db.query<DocumentRow>(
      options.deleted
        ? `SELECT ${COLUMNS} FROM documents WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC LIMIT $1`
        : `SELECT ${COLUMNS} FROM documents WHERE deleted_at IS NULL ORDER BY updated_at DESC LIMIT $1`,
      [options.limit],
    );
    return rows.map(present);
  }

  async rename(id: string, title: string): Promise<TDocument | null> {
    const rows = await this.db.query<DocumentRow>(
      `UPDATE documents SET title = $2, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
      [id, title],
    );
    return rows[0] ? present(rows[0]) : null;
  }

  async softDelete(id: string): Promise<TDocument | null> {
    const rows = await this.db.query<DocumentRow>(
      `UPDATE documents SET deleted_at = now()
       WHERE id = $1 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ? present(rows[0]) : null;
  }

  /** Brings a deleted document back if it was deleted after `notBefore`. */
  async restore(id: string, notBefore: Date): Promise<TDocument | null> {
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

function present(row: DocumentRow): TDocument {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deletedAt: row.deleted_at === null ? null : iso(row.deleted_at),
  };
}

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
