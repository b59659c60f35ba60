import * as Y from "yjs";
import type { SqlClient } from "../platform/db/SqlClient.js";

/** First key of the advisory lock that compaction takes (the second is the document's hash). */
const COMPACTION_LOCK_CLASS = 0x43617563;
/** Documents per multi-row insert; keeps well under Postgres's parameter limit. */
const APPEND_BATCH = 500;

interface UpdateRow {
  seq: string | number;
  data: Uint8Array;
}

/** What storage holds for one document: its updates in order. */
export interface StoredUpdates {
  updates: Uint8Array[];
  /** The seq of the last row, or 0 when there is none. */
  lastSeq: number;
}

/**
 * The append-only log of a document's Yjs updates. Compaction replaces the
 * rows up to a seq with one snapshot row in a single transaction, so a crash
 * at any point leaves either the old rows or the snapshot, never neither.
 */
export class UpdateLog {
  constructor(private readonly db: SqlClient) {}

  async load(documentId: string): Promise<StoredUpdates> {
    const rows = await this.db.query<UpdateRow>(
      "SELECT seq, data FROM document_updates WHERE document_id = $1 ORDER BY seq",
      [documentId],
    );
    const last = rows[rows.length - 1];
    return {
      updates: rows.map((row) => toBytes(row.data)),
      lastSeq: last ? Number(last.seq) : 0,
    };
  }

  /** Appends one update; returns its seq. */
  async append(documentId: string, update: Uint8Array): Promise<number> {
    const seqs = await this.appendMany([{ documentId, update }]);
    return seqs.get(documentId) ?? 0;
  }

  /**
   * Appends one update for each of several documents in one statement (one
   * round trip, one commit); returns each document's new seq. A document
   * appears at most once per call.
   */
  async appendMany(entries: { documentId: string; update: Uint8Array }[]): Promise<Map<string, number>> {
    const seqs = new Map<string, number>();
    for (let start = 0; start < entries.length; start += APPEND_BATCH) {
      const chunk = entries.slice(start, start + APPEND_BATCH);
      const values = chunk.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(", ");
      const params = chunk.flatMap((entry) => [entry.documentId, entry.update]);
      // One statement also marks the documents as edited now, for the list's order.
      const rows = await this.db.query<{ seq: string | number; document_id: string }>(
        `WITH appended AS (
           INSERT INTO document_updates (document_id, data) VALUES ${values} RETURNING seq, document_id
         ), touched AS (
           UPDATE documents SET updated_at = now() WHERE id IN (SELECT document_id FROM appended)
         )
         SELECT seq, document_id FROM appended`,
        params,
      );
      for (const row of rows) seqs.set(row.document_id, Number(row.seq));
    }
    return seqs;
  }

  /**
   * Folds every row of a document into one snapshot row, in one
   * transaction: reads the rows, merges them (applied to a fresh Y.Doc, so
   * deleted content is dropped), inserts the snapshot and deletes exactly
   * the rows it read, so a row another instance appends meanwhile is kept.
   * A transaction-scoped advisory lock keeps two instances from folding the
   * same document at once; it ends with the transaction, so a crashed
   * instance can never leave it held. Returns the rows folded (0 when
   * another instance holds the lock or there was nothing to fold).
   */
  async compact(documentId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [lock] = await tx.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked",
        [COMPACTION_LOCK_CLASS, documentId],
      );
      if (!lock?.locked) return 0;
      const rows = await tx.query<UpdateRow>(
        "SELECT seq, data FROM document_updates WHERE document_id = $1 ORDER BY seq",
        [documentId],
      );
      if (rows.length < 2) return 0;
      const doc = new Y.Doc({ gc: true });
      try {
        for (const row of rows) Y.applyUpdate(doc, toBytes(row.data));
        const snapshot = Y.encodeStateAsUpdate(doc);
        await tx.query(
          "INSERT INTO document_updates (document_id, data, is_snapshot) VALUES ($1, $2, true)",
          [documentId, snapshot],
        );
      } finally {
        doc.destroy();
      }
      await tx.query("DELETE FROM document_updates WHERE document_id = $1 AND seq = ANY($2::bigint[])", [
        documentId,
        rows.map((row) => String(row.seq)),
      ]);
      return rows.length;
    });
  }

  /** The seq of the document's last row, or 0: changes whenever anything is appended or folded. */
  async lastSeq(documentId: string): Promise<number> {
    const rows = await this.db.query<{ seq: string | number | null }>(
      "SELECT max(seq) AS seq FROM document_updates WHERE document_id = $1",
      [documentId],
    );
    return Number(rows[0]?.seq ?? 0);
  }

  async count(documentId: string): Promise<number> {
    const rows = await this.db.query<{ n: string | number }>(
      "SELECT count(*) AS n FROM document_updates WHERE document_id = $1",
      [documentId],
    );
    return Number(rows[0]?.n ?? 0);
  }
}

/** pg gives a Buffer, PGlite a Uint8Array; Yjs wants a plain Uint8Array. */
export function toBytes(data: Uint8Array): Uint8Array {
  return data instanceof Uint8Array && data.constructor === Uint8Array
    ? data
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
