import { randomUUID } from "node:crypto";
import type { SqlExecutor } from "../platform/db/SqlClient.js";

/** A bare workspace row for storage tests that need documents to belong somewhere. */
export async function insertTestWorkspace(db: SqlExecutor): Promise<string> {
  const id = randomUUID();
  await db.query("INSERT INTO workspaces (id, name) VALUES ($1, 'Test coalition')", [id]);
  return id;
}
