import type { TVersion, TVersionKind } from "@caucus/shared";
import { iso } from "../documents/DocumentRepository.js";
import { jsonbText } from "../platform/db/jsonbText.js";
import type { SqlExecutor } from "../platform/db/SqlClient.js";
import { toBytes } from "../sync/UpdateLog.js";

/** What a version freezes of the document: its state and what is cached from it. */
export interface TVersionSnapshot {
  /** `Y.encodeStateAsUpdate` of the document. */
  state: Uint8Array;
  paragraphs: string[];
  words: number;
  contentHash: string;
}

/** A version with its text, as read back for showing or comparing. */
export interface TVersionRecord extends TVersion {
  state: Uint8Array;
  paragraphs: string[];
}

interface VersionRow {
  id: string;
  document_id: string;
  kind: TVersionKind;
  name: string | null;
  note: string;
  created_by: string | null;
  creator_name: string | null;
  created_at: Date | string;
  words: number;
}

interface VersionRowWithText extends VersionRow {
  state: Uint8Array;
  paragraphs: string[] | string;
}

const SELECT = `SELECT v.id, v.document_id, v.kind, v.name, v.note, v.created_by, u.name AS creator_name,
    v.created_at, v.words`;
const FROM = `FROM document_versions v LEFT JOIN "users" u ON u.id = v.created_by`;

/**
 * A document's versions. Named ones are capped per document (checked in
 * the insert itself); automatic ones are thinned out by `pruneAutomatic`.
 */
export class VersionRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Saves a named version unless the document already has `max`; null when full. */
  async createNamedUnlessFull(
    input: { id: string; documentId: string; name: string; note: string; createdBy: string },
    snapshot: TVersionSnapshot,
    max: number,
  ): Promise<TVersion | null> {
    const inserted = await this.db.query<{ id: string }>(
      `INSERT INTO document_versions (id, document_id, kind, name, note, created_by, state, paragraphs, words, content_hash)
       SELECT $1, $2, 'named', $3, $4, $5, $6, $7, $8, $9
       WHERE (SELECT count(*) FROM document_versions WHERE document_id = $2 AND kind = 'named') < $10
       RETURNING id`,
      [
        input.id,
        input.documentId,
        input.name,
        input.note,
        input.createdBy,
        snapshot.state,
        jsonbText(snapshot.paragraphs),
        snapshot.words,
        snapshot.contentHash,
        max,
      ],
    );
    return inserted[0] ? this.find(input.documentId, input.id) : null;
  }

  /**
   * Saves an automatic version unless the latest version already has this
   * content, or the document is gone or in the trash; null when skipped.
   * One statement, so two instances taking the same moment rarely both write.
   */
  async createAutomaticIfChanged(
    input: { id: string; documentId: string },
    snapshot: TVersionSnapshot,
  ): Promise<TVersion | null> {
    const inserted = await this.db.query<{ id: string }>(
      `INSERT INTO document_versions (id, document_id, kind, state, paragraphs, words, content_hash)
       SELECT $1, $2, 'auto', $3, $4, $5, $6
       WHERE EXISTS (SELECT 1 FROM documents WHERE id = $2 AND deleted_at IS NULL)
         AND (SELECT content_hash FROM document_versions WHERE document_id = $2
              ORDER BY created_at DESC LIMIT 1) IS DISTINCT FROM $6
       RETURNING id`,
      [
        input.id,
        input.documentId,
        snapshot.state,
        jsonbText(snapshot.paragraphs),
        snapshot.words,
        snapshot.contentHash,
      ],
    );
    return inserted[0] ? this.find(input.documentId, input.id) : null;
  }

  /** The content hash of the document's latest version, or null when it has none. */
  async latestHash(documentId: string): Promise<string | null> {
    const rows = await this.db.query<{ content_hash: string }>(
      "SELECT content_hash FROM document_versions WHERE document_id = $1 ORDER BY created_at DESC LIMIT 1",
      [documentId],
    );
    return rows[0]?.content_hash ?? null;
  }

  /** Every version of a document, newest first, without their text. */
  async list(documentId: string): Promise<TVersion[]> {
    const rows = await this.db.query<VersionRow>(
      `${SELECT} ${FROM} WHERE v.document_id = $1 ORDER BY v.created_at DESC`,
      [documentId],
    );
    return rows.map(present);
  }

  /** One version, without its text; null when the document has no such version. */
  async find(documentId: string, id: string): Promise<TVersion | null> {
    const rows = await this.db.query<VersionRow>(`${SELECT} ${FROM} WHERE v.document_id = $1 AND v.id = $2`, [
      documentId,
      id,
    ]);
    return rows[0] ? present(rows[0]) : null;
  }

  /** One version with its state and paragraphs; null when the document has no such version. */
  async findWithText(documentId: string, id: string): Promise<TVersionRecord | null> {
    const rows = await this.db.query<VersionRowWithText>(
      `${SELECT}, v.state, v.paragraphs ${FROM} WHERE v.document_id = $1 AND v.id = $2`,
      [documentId, id],
    );
    const row = rows[0];
    if (!row) return null;
    const paragraphs = typeof row.paragraphs === "string" ? JSON.parse(row.paragraphs) : row.paragraphs;
    return { ...present(row), state: toBytes(row.state), paragraphs };
  }

  async countNamed(documentId: string): Promise<number> {
    const rows = await this.db.query<{ n: string | number }>(
      "SELECT count(*) AS n FROM document_versions WHERE document_id = $1 AND kind = 'named'",
      [documentId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Thins out a document's automatic versions: of those newer than
   * `recentSince`, the newest of each hour stays; of older ones, the newest
   * of each day (UTC); beyond `maxOlder` of those, the oldest go. Named
   * versions are never touched. Returns how many were removed.
   */
  async pruneAutomatic(documentId: string, recentSince: Date, maxOlder: number): Promise<number> {
    const rows = await this.db.query<{ id: string }>(
      `WITH bucketed AS (
         SELECT id, created_at, created_at < $2 AS old,
           CASE WHEN created_at < $2
             THEN date_trunc('day', created_at AT TIME ZONE 'UTC')
             ELSE date_trunc('hour', created_at AT TIME ZONE 'UTC') END AS bucket
         FROM document_versions WHERE document_id = $1 AND kind = 'auto'
       ), ranked AS (
         SELECT id, old,
           row_number() OVER (PARTITION BY old, bucket ORDER BY created_at DESC) AS in_bucket,
           dense_rank() OVER (PARTITION BY old ORDER BY bucket DESC) AS day_rank
         FROM bucketed
       )
       DELETE FROM document_versions
       WHERE id IN (SELECT id FROM ranked WHERE in_bucket > 1 OR (old AND day_rank > $3))
       RETURNING id`,
      [documentId, recentSince.toISOString(), maxOlder],
    );
    return rows.length;
  }
}

function present(row: VersionRow): TVersion {
  return {
    id: row.id,
    documentId: row.document_id,
    kind: row.kind,
    name: row.name,
    note: row.note,
    createdBy: row.created_by ? { id: row.created_by, name: row.creator_name ?? "" } : null,
    createdAt: iso(row.created_at),
    words: Number(row.words),
  };
}
