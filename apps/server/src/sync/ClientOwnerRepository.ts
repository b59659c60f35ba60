import type { SqlExecutor } from "../platform/db/SqlClient.js";

interface OwnerRow {
  client_id: string | number;
  user_id: string;
}

/**
 * Whose each Yjs client id is, per document (see the `document_clients`
 * migration). The first claim of an id wins, on every instance at once:
 * the database decides, so two instances never hand one id to two people.
 */
export class ClientOwnerRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** The owners of those of `clientIds` that are claimed. */
  async owners(documentId: string, clientIds: readonly number[]): Promise<Map<number, string>> {
    const rows = await this.db.query<OwnerRow>(
      "SELECT client_id, user_id FROM document_clients WHERE document_id = $1 AND client_id = ANY($2::bigint[])",
      [documentId, clientIds],
    );
    return new Map(rows.map((row) => [Number(row.client_id), row.user_id]));
  }

  /**
   * Claims client ids for `userId` where nobody holds them yet; returns the
   * owner of each, which is someone else's where an earlier claim stands.
   */
  async claim(
    documentId: string,
    clientIds: readonly number[],
    userId: string,
  ): Promise<Map<number, string>> {
    const rows = await this.db.query<OwnerRow>(
      `WITH wanted AS (SELECT unnest($2::bigint[]) AS client_id),
       inserted AS (
         INSERT INTO document_clients (document_id, client_id, user_id)
         SELECT $1, client_id, $3 FROM wanted
         ON CONFLICT (document_id, client_id) DO NOTHING
         RETURNING client_id, user_id
       )
       SELECT client_id, user_id FROM inserted
       UNION ALL
       SELECT c.client_id, c.user_id FROM document_clients c
       WHERE c.document_id = $1 AND c.client_id IN (SELECT client_id FROM wanted)
         AND c.client_id NOT IN (SELECT client_id FROM inserted)`,
      [documentId, clientIds, userId],
    );
    const owners = new Map(rows.map((row) => [Number(row.client_id), row.user_id]));
    // A claim that waited on another instance's concurrent one does not see
    // its row in the same statement's snapshot: read those again.
    const missing = clientIds.filter((id) => !owners.has(id));
    if (missing.length > 0) {
      for (const [id, owner] of await this.owners(documentId, missing)) owners.set(id, owner);
    }
    return owners;
  }
}
