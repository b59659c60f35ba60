import { migrate } from "./migrations.js";
import type { SqlClient } from "./SqlClient.js";

/**
 * PostgreSQL when a URL is given, else embedded PGlite in `dataDir`; migrated.
 * Each client is imported only when chosen: the embedded default does not
 * hold the code of `pg`, nor a PostgreSQL deployment PGlite's.
 */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}): Promise<SqlClient> {
  const db = options.databaseUrl
    ? await (await import("./PostgresClient.js")).PostgresClient.open(options.databaseUrl)
    : await (await import("./PgliteClient.js")).PgliteClient.open(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return db;
}
