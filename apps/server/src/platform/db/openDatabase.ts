import type { Logger } from "../../logger.js";
import { migrate } from "./migrations.js";
import type { SqlClient } from "./SqlClient.js";
import { seedDataDir } from "./seedDataDir.js";

/**
 * PostgreSQL when a URL is given, else embedded PGlite in `dataDir` (a new
 * folder first seeded from `dataTemplate`, see {@link seedDataDir});
 * migrated. Each client is imported only when chosen: the embedded default
 * does not hold the code of `pg`, nor a PostgreSQL deployment PGlite's.
 */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  dataTemplate?: string | undefined;
  logger?: Logger;
}): Promise<SqlClient> {
  const { databaseUrl, dataDir, dataTemplate, logger } = options;
  let db: SqlClient;
  if (databaseUrl) {
    db = await (await import("./PostgresClient.js")).PostgresClient.open(databaseUrl);
  } else {
    if (dataDir) {
      const seeded = await seedDataDir(dataDir, dataTemplate);
      if (seeded === "seeded") logger?.info({ dataDir }, "new data folder: copied the empty database in");
      if (seeded === "no template") {
        logger?.warn(
          { dataDir, dataTemplate },
          "new data folder and no database template: creating the database (slower, and needs about 800 MB once)",
        );
      }
    }
    db = await (await import("./PgliteClient.js")).PgliteClient.open(dataDir);
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return db;
}
