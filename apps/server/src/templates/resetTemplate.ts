import type { TTemplate, TTemplateKind } from "@caucus/shared";
import type { TTemplateDeps } from "./deps.js";
import { presentTemplate } from "./listTemplates.js";

/**
 * Removes a workspace's template for a kind: new documents of that kind
 * start from the built-in template again. Audited only when there was one
 * to remove, so a repeated reset leaves no noise in the trail.
 */
export async function resetTemplate(
  ctx: Pick<TTemplateDeps, "templates" | "audit">,
  actor: { userId: string; workspaceId: string },
  kind: TTemplateKind,
): Promise<TTemplate> {
  if (await ctx.templates.delete(actor.workspaceId, kind)) {
    await ctx.audit.record({
      workspaceId: actor.workspaceId,
      action: "template_reset",
      actorId: actor.userId,
      target: { type: "template", id: kind, label: kind },
    });
  }
  return presentTemplate(kind, null);
}
