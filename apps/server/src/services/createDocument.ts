import { randomUUID } from "node:crypto";
import type { TCreateDocument, TDocument } from "@caucus/shared";
import type { TServiceContext } from "../context.js";

/** Creates an empty document of the given kind in a workspace. */
export async function createDocument(
  ctx: Pick<TServiceContext, "documents" | "audit">,
  actor: { userId: string; workspaceId: string },
  input: TCreateDocument,
): Promise<TDocument> {
  const record = await ctx.documents.create({
    id: randomUUID(),
    title: input.title,
    kind: input.kind,
    workspaceId: actor.workspaceId,
  });
  await ctx.audit.record({
    workspaceId: actor.workspaceId,
    action: "document_created",
    actorId: actor.userId,
    target: { type: "document", id: record.id, label: record.title },
    detail: { kind: record.kind },
  });
  return { ...record, workspaceId: actor.workspaceId, role: "owner" };
}
