import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "../platform/db/migrations.js";
import { PgliteClient } from "../platform/db/PgliteClient.js";
import { PGLITE_TEMPLATE_ENV } from "./database.js";

/**
 * Runs once before the unit test files: creates and migrates one PGlite
 * database and dumps it to a file that every test database is loaded from,
 * so no test pays for creating a database and running the migrations.
 */
export default async function setup(): Promise<() => void> {
  const folder = mkdtempSync(join(tmpdir(), "caucus-pglite-template-"));
  const db = await PgliteClient.open(undefined);
  await migrate(db);
  const file = join(folder, "template.tar");
  writeFileSync(file, new Uint8Array(await (await db.dump()).arrayBuffer()));
  await db.close();
  process.env[PGLITE_TEMPLATE_ENV] = file;
  return () => rmSync(folder, { recursive: true, force: true });
}
