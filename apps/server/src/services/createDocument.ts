import { randomUUID } from "node:crypto";
import { defaultDeliverySettings, type TCreateDocument, type TDocument } from "@caucus/shared";
import { initialDocumentState, interventionTemplate } from "@caucus/shared/editor";
import type { TServiceContext } from "../context.js";

/**
 * Creates a document of the given kind in a workspace: empty, or, for an
 * intervention created with its details, started from the intervention
 * template with those details as its delivery settings. The first state is
 * stored before the document is returned, so whoever opens it first finds
 * the template there (no client writes its own copy of it).
 */
export async function createDocument(
  ctx: Pick<TServiceContext, "documents" | "updates" | "audit">,
  actor: { userId: string; workspaceId: string },
  input: TCreateDocument,
): Promise<TDocument> {
  const record = await ctx.documents.create({
    id: randomUUID(),
    title: input.title,
    kind: input.kind,
    workspaceId: actor.workspaceId,
  });
  const intervention = input.kind === "intervention" ? input.intervention : undefined;
  if (intervention) {
    const settings = {
      ...defaultDeliverySettings(intervention.language),
      limit: { mode: "time" as const, seconds: intervention.limitSeconds },
      forum: intervention.forum,
      agendaItem: intervention.agendaItem,
    };
    await ctx.updates.append(record.id, initialDocumentState(interventionTemplate(intervention), settings));
  }
  await ctx.audit.record({
    workspaceId: actor.workspaceId,
    action: "document_created",
    actorId: actor.userId,
    target: { type: "document", id: record.id, label: record.title },
    detail: { kind: record.kind },
  });
  return { ...record, workspaceId: actor.workspaceId, role: "owner" };
}
