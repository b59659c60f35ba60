import { existsSync } from "node:fs";
import { copyFile, cp, mkdir } from "node:fs/promises";
import { join } from "node:path";

/** The file by which PGlite (like PostgreSQL) knows a folder holds a database. */
const MARKER = "PG_VERSION";

/** What {@link seedDataDir} found and did. */
export type TSeedOutcome = "existing" | "seeded" | "no template";

/**
 * Gives an embedded data folder that holds no database yet a copy of
 * `template`: an empty, migrated database made at build time. Creating one
 * instead (PGlite's initdb) takes seconds and peaks at about 800 MB, the
 * most the server ever holds; a copy costs what a restart does. A folder
 * that holds a database is left alone, and without a template nothing is
 * done, so PGlite creates the database as before. The marker file is copied
 * last: a copy cut short leaves a folder without it, copied again next time.
 * Migrations still run after the copy, as the template may be older than
 * the code.
 */
export async function seedDataDir(dataDir: string, template: string | undefined): Promise<TSeedOutcome> {
  if (existsSync(join(dataDir, MARKER))) return "existing";
  if (!template || !existsSync(join(template, MARKER))) return "no template";
  await mkdir(dataDir, { recursive: true });
  const marker = join(template, MARKER);
  await cp(template, dataDir, { recursive: true, force: true, filter: (source) => source !== marker });
  await copyFile(marker, join(dataDir, MARKER));
  return "seeded";
}
