import { colorForName, displayName, type TPresenceEntry } from "@caucus/shared";
import type { TPresenceReport } from "@caucus/shared/schemas";
import type { TAccount } from "../auth/session.js";
import { InvalidInputError } from "../errors.js";
import type { TPresenceDeps } from "./deps.js";

/**
 * The entry key of one tab: prefixed with the person's id, so nobody can
 * overwrite or remove another person's entry by sending their tab's id.
 */
export function presenceKey(userId: string, connectionId: string): string {
  return `${userId}.${connectionId}`;
}

/** A tab's "still here": name and colour from the account, the rest from the report. */
export async function reportPresence(
  ctx: Pick<TPresenceDeps, "presence" | "db">,
  account: TAccount,
  workspaceId: string,
  report: TPresenceReport,
  now = Date.now(),
): Promise<TPresenceEntry> {
  // Members read every live document of their workspace; anything else
  // would let someone show others a document they cannot see, or none.
  if (report.documentId) {
    const found = await ctx.db.query(
      "SELECT 1 FROM documents WHERE id = $1 AND workspace_id = $2 AND deleted_at IS NULL",
      [report.documentId, workspaceId],
    );
    if (found.length === 0) {
      throw new InvalidInputError(
        [{ path: "documentId", message: "No such document in this workspace." }],
        "That document is not in this workspace.",
      );
    }
  }
  const name = displayName(account);
  const entry: TPresenceEntry = {
    userId: account.userId,
    connectionId: presenceKey(account.userId, report.connectionId),
    name,
    color: colorForName(name),
    documentId: report.documentId,
    status: report.status,
    timeZone: report.timeZone,
    lastSeen: now,
  };
  const { lastSeen, ...rest } = entry;
  await ctx.presence.heartbeat({ ...rest, workspaceId, at: lastSeen });
  return entry;
}
