import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { migrate } from "../platform/db/migrations.js";
import { PgliteClient } from "../platform/db/PgliteClient.js";
import type { SqlExecutor } from "../platform/db/SqlClient.js";

/** Where `globalSetup.ts` leaves the migrated empty database for the test files. */
export const PGLITE_TEMPLATE_ENV = "CAUCUS_PGLITE_TEMPLATE";

let template: Promise<Blob | undefined> | undefined;

/**
 * A migrated, empty in-memory PGlite of its own for one test: a copy of the
 * template the global setup dumped, or (run without it) created and
 * migrated here. `migrations.test.ts`-style checks of a fresh database open
 * `PgliteClient` themselves.
 */
export async function openTestDatabase(): Promise<PgliteClient> {
  const path = process.env[PGLITE_TEMPLATE_ENV];
  template ??= path ? readFile(path).then((bytes) => new Blob([bytes])) : Promise.resolve(undefined);
  const from = await template;
  if (from) return PgliteClient.open(undefined, from);
  const db = await PgliteClient.open(undefined);
  await migrate(db);
  return db;
}

/** A bare workspace row for storage tests that need documents to belong somewhere. */
export async function insertTestWorkspace(db: SqlExecutor): Promise<string> {
  const id = randomUUID();
  await db.query("INSERT INTO workspaces (id, name) VALUES ($1, 'Test coalition')", [id]);
  return id;
}
