import { randomUUID } from "node:crypto";
import { defaultDeliverySettings, isTemplateKind, type TDocument } from "@caucus/shared";
import { fillTemplate, initialDocumentState, interventionTemplate } from "@caucus/shared/editor";
import type { ZCreateDocument } from "@caucus/shared/schemas";
import type { z } from "zod";
import type { TDocumentDeps } from "./deps.js";

/**
 * Creates a document of the given kind in a workspace. It starts from the
 * workspace's template for its kind when one is set (placeholders filled
 * with the title and, for an intervention, its forum and agenda item); else
 * an intervention created with its details starts from the built-in
 * intervention template, and anything else empty. An intervention's details
 * become its delivery settings. The first state is stored before the
 * document is returned, so whoever opens it first finds the template there
 * (no client writes its own copy of it).
 */
export async function createDocument(
  ctx: Pick<TDocumentDeps, "documents" | "updates" | "audit" | "templates">,
  actor: { userId: string; workspaceId: string },
  input: z.output<typeof ZCreateDocument>,
): Promise<TDocument> {
  const own = isTemplateKind(input.kind) ? await ctx.templates.find(actor.workspaceId, input.kind) : null;
  const record = await ctx.documents.create({
    id: randomUUID(),
    title: input.title,
    kind: input.kind,
    workspaceId: actor.workspaceId,
  });
  const intervention = input.kind === "intervention" ? input.intervention : undefined;
  const content: ReturnType<typeof interventionTemplate> | null = own
    ? fillTemplate(own.content, {
        title: input.title,
        forum: intervention?.forum ?? "",
        agendaItem: intervention?.agendaItem ?? "",
      })
    : intervention
      ? interventionTemplate(intervention)
      : null;
  const settings = intervention && {
    ...defaultDeliverySettings(intervention.language),
    limit: { mode: "time" as const, seconds: intervention.limitSeconds },
    forum: intervention.forum,
    agendaItem: intervention.agendaItem,
  };
  if (content || settings) {
    await ctx.updates.append(
      record.id,
      initialDocumentState(content ?? { type: "doc", content: [{ type: "paragraph" }] }, settings),
    );
  }
  await ctx.audit.record({
    workspaceId: actor.workspaceId,
    action: "document_created",
    actorId: actor.userId,
    target: { type: "document", id: record.id, label: record.title },
    detail: { kind: record.kind, ...(own ? { template: "workspace" } : {}) },
  });
  return { ...record, workspaceId: actor.workspaceId, role: "owner" };
}
