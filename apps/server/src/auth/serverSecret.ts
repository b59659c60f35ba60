import { randomBytes } from "node:crypto";
import type { SqlClient } from "../platform/db/SqlClient.js";

/**
 * The secret that signs sessions' cookies and sync tokens: `AUTH_SECRET`
 * when given, else one generated on first start and kept in the database,
 * so every instance on one database agrees without configuration.
 */
export async function serverSecret(db: SqlClient, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const generated = randomBytes(32).toString("base64url");
  await db.query(
    "INSERT INTO settings (key, value) VALUES ('auth_secret', $1) ON CONFLICT (key) DO NOTHING",
    [generated],
  );
  const rows = await db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'auth_secret'");
  const secret = rows[0]?.value;
  if (!secret) throw new Error("could not read the generated auth secret");
  return secret;
}
