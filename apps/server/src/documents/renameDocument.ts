import type { TDocument } from "@caucus/shared";
import { announceDraftChanged } from "../calls/announceDraftChanged.js";
import { NotFoundError } from "../errors.js";
import type { TDocumentDeps } from "./deps.js";
import type { TDocumentAccess } from "./policy.js";

export async function renameDocument(
  ctx: Pick<TDocumentDeps, "documents" | "audit" | "calls" | "board" | "estimates">,
  actorId: string,
  access: TDocumentAccess,
  title: string,
): Promise<TDocument> {
  const record = await ctx.documents.rename(access.document.id, title);
  if (!record) throw new NotFoundError("The document");
  await ctx.audit.record({
    workspaceId: access.document.workspaceId,
    action: "document_renamed",
    actorId,
    target: { type: "document", id: record.id, label: record.title },
    detail: { from: access.document.title },
  });
  await announceDraftChanged(ctx, record.id);
  return { ...record, workspaceId: access.document.workspaceId, role: access.role };
}
