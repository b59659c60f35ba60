import { TEMPLATE_KINDS, type TTemplate, type TTemplateContent, type TTemplateKind } from "@caucus/shared";
import { builtInTemplate } from "@caucus/shared/editor";
import type { TTemplateDeps } from "./deps.js";
import type { TTemplateRecord } from "./TemplateRepository.js";

/**
 * A workspace's template for every kind that has one: its own where set,
 * else the built-in one (the intervention frame with `{{forum}}` and
 * `{{agendaItem}}` where they go), so the templates page always has a
 * text to start editing from.
 */
export async function listTemplates(
  ctx: Pick<TTemplateDeps, "templates">,
  workspaceId: string,
): Promise<TTemplate[]> {
  const own = new Map((await ctx.templates.list(workspaceId)).map((record) => [record.kind, record]));
  return TEMPLATE_KINDS.map((kind) => presentTemplate(kind, own.get(kind) ?? null));
}

/** One kind's template as the API presents it; `record` null means the built-in one. */
export function presentTemplate(kind: TTemplateKind, record: TTemplateRecord | null): TTemplate {
  return record
    ? {
        kind,
        content: record.content,
        custom: true,
        updatedAt: record.updatedAt,
        updatedBy: record.updatedBy,
      }
    : {
        kind,
        content: builtInTemplate(kind) as TTemplateContent,
        custom: false,
        updatedAt: null,
        updatedBy: null,
      };
}
