import { Limits, type TDocument } from "@caucus/shared";
import { announceDraftChanged } from "../calls/announceDraftChanged.js";
import { NotFoundError } from "../errors.js";
import type { TDocumentDeps } from "./deps.js";
import type { TDocumentAccess } from "./policy.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Brings a document back from the trash within the restore window. */
export async function restoreDocument(
  ctx: Pick<TDocumentDeps, "documents" | "audit" | "calls" | "board" | "estimates">,
  actorId: string,
  access: TDocumentAccess,
  now = new Date(),
): Promise<TDocument> {
  const notBefore = new Date(now.getTime() - Limits.restoreDays * DAY_MS);
  const record = await ctx.documents.restore(access.document.id, notBefore);
  if (!record) throw new NotFoundError("A deleted document with that id");
  await ctx.audit.record({
    workspaceId: access.document.workspaceId,
    action: "document_restored",
    actorId,
    target: { type: "document", id: record.id, label: record.title },
  });
  await announceDraftChanged(ctx, record.id);
  return { ...record, workspaceId: access.document.workspaceId, role: access.role };
}
