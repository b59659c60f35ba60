import { CloseCode, type TDocument } from "@caucus/shared";
import { announceDraftChanged } from "../calls/announceDraftChanged.js";
import { NotFoundError } from "../errors.js";
import type { TDocumentDeps } from "./deps.js";
import type { TDocumentAccess } from "./policy.js";

/**
 * Moves a document to the trash (restorable for 30 days) and closes the
 * sockets editing it, so nobody keeps typing into a deleted draft unaware.
 * Every instance hears it first on the rights-change bus, so none admits a
 * reconnecting socket on what it remembered of the document.
 */
export async function deleteDocument(
  ctx: Pick<
    TDocumentDeps,
    "documents" | "audit" | "sync" | "calls" | "board" | "estimates" | "accessChanges"
  >,
  actorId: string,
  access: TDocumentAccess,
): Promise<TDocument> {
  const record = await ctx.documents.softDelete(access.document.id);
  if (!record) throw new NotFoundError("The document");
  await ctx.accessChanges.publish({ documentId: record.id, reason: "document_deleted" });
  await ctx.sync.closeDocument(record.id, CloseCode.documentNotFound, "document deleted");
  await ctx.audit.record({
    workspaceId: access.document.workspaceId,
    action: "document_deleted",
    actorId,
    target: { type: "document", id: record.id, label: record.title },
  });
  await announceDraftChanged(ctx, record.id);
  return { ...record, workspaceId: access.document.workspaceId, role: access.role };
}
