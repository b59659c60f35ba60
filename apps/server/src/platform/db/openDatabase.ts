import { migrate } from "./migrations.js";
import { PgliteClient } from "./PgliteClient.js";
import { PostgresClient } from "./PostgresClient.js";
import type { SqlClient } from "./SqlClient.js";

/** PostgreSQL when a URL is given, else embedded PGlite in `dataDir`; migrated. */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}): Promise<SqlClient> {
  const db = options.databaseUrl
    ? await PostgresClient.open(options.databaseUrl)
    : await PgliteClient.open(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return db;
}
