import { randomUUID } from "node:crypto";
import type { TVersion } from "@caucus/shared";
import type { TVersionDeps } from "./deps.js";
import { snapshotDocument } from "./snapshotDocument.js";

/** Automatic versions newer than this are kept one per hour; older ones one per day. */
export const HOURLY_AUTOMATIC_VERSIONS_MS = 24 * 60 * 60 * 1000;
/** Days of daily automatic versions kept past the hourly ones: a year. */
export const MAX_DAILY_AUTOMATIC_VERSIONS = 365;

/**
 * Takes an automatic version of a document that went quiet after edits,
 * unless its text is that of its latest version (or it is in the trash),
 * then thins out its automatic versions so they stay bounded. Null when
 * nothing was taken.
 */
export async function takeAutomaticVersion(
  ctx: Pick<TVersionDeps, "versions" | "sync" | "updates">,
  documentId: string,
  now = new Date(),
): Promise<TVersion | null> {
  const snapshot = await snapshotDocument(ctx, documentId);
  const version = await ctx.versions.createAutomaticIfChanged({ id: randomUUID(), documentId }, snapshot);
  if (version) {
    await ctx.versions.pruneAutomatic(
      documentId,
      new Date(now.getTime() - HOURLY_AUTOMATIC_VERSIONS_MS),
      MAX_DAILY_AUTOMATIC_VERSIONS,
    );
  }
  return version;
}
