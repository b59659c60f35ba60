import { colorForName, displayName, type TPresenceEntry } from "@caucus/shared";
import type { TPresenceReport } from "@caucus/shared/schemas";
import type { TAccount } from "../auth/session.js";
import type { TServiceContext } from "../context.js";

/**
 * The entry key of one tab: prefixed with the person's id, so nobody can
 * overwrite or remove another person's entry by sending their tab's id.
 */
export function presenceKey(userId: string, connectionId: string): string {
  return `${userId}.${connectionId}`;
}

/** A tab's "still here": name and colour from the account, the rest from the report. */
export async function reportPresence(
  ctx: Pick<TServiceContext, "presence">,
  account: TAccount,
  workspaceId: string,
  report: TPresenceReport,
  now = Date.now(),
): Promise<TPresenceEntry> {
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
