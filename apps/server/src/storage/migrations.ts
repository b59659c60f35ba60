import type { SqlClient } from "./SqlClient.js";

/**
 * Schema migrations, applied in order, each once. Append only: never edit a
 * migration that has shipped; add a new one.
 */
const MIGRATIONS: { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: "documents and their update log",
    sql: `
      CREATE TABLE documents (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        kind text NOT NULL
          CHECK (kind IN ('intervention', 'statement', 'letter', 'analysis', 'notes')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      );
      CREATE INDEX documents_live_by_update ON documents (updated_at DESC) WHERE deleted_at IS NULL;

      -- Each row is a Yjs update; a snapshot row holds the whole state as of
      -- its seq and replaces every earlier row of its document (compaction).
      CREATE TABLE document_updates (
        seq bigserial PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        data bytea NOT NULL,
        is_snapshot boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX document_updates_by_document ON document_updates (document_id, seq);
    `,
  },
];

/** Brings the schema up to date; safe to call at every start. */
export async function migrate(db: SqlClient): Promise<number[]> {
  await db.query(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const applied = new Set(
    (await db.query<{ id: number }>("SELECT id FROM schema_migrations")).map((row) => row.id),
  );
  const ran: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.id)) continue;
    await db.transaction(async (tx) => {
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (id, name) VALUES ($1, $2)", [
        migration.id,
        migration.name,
      ]);
    });
    ran.push(migration.id);
  }
  return ran;
}

/** Splits on semicolons at line ends; migrations keep to that shape. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, "").trim())
    .filter((statement) => statement.length > 0);
}
