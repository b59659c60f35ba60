import type { TTemplate, TTemplateContent, TTemplateKind } from "@caucus/shared";
import type { TTemplateDeps } from "./deps.js";
import { presentTemplate } from "./listTemplates.js";

/**
 * Sets a workspace's template for a kind; documents of that kind created
 * afterwards start from it. The content was checked by `ZSaveTemplate`
 * (size, shared editor schema) before it reaches here.
 */
export async function saveTemplate(
  ctx: Pick<TTemplateDeps, "templates" | "audit">,
  actor: { userId: string; workspaceId: string },
  kind: TTemplateKind,
  content: TTemplateContent,
): Promise<TTemplate> {
  const record = await ctx.templates.save(actor.workspaceId, kind, content, actor.userId);
  await ctx.audit.record({
    workspaceId: actor.workspaceId,
    action: "template_saved",
    actorId: actor.userId,
    target: { type: "template", id: kind, label: kind },
  });
  return presentTemplate(kind, record);
}
