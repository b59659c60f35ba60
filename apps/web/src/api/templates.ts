import type { TTemplate, TTemplateContent, TTemplateKind } from "@caucus/shared";
import type { InferResponseType } from "hono/client";
import { api, editorJson, read, segment } from "./client";

const templates = api.workspaces[":workspaceId"].templates;

/** Every kind's template: the workspace's own where set, else the built-in one. */
export async function listTemplates(workspaceId: string): Promise<TTemplate[]> {
  const answer = await read(templates.$get({ param: { workspaceId: segment(workspaceId) } }));
  return answer.templates.map(withContent);
}

/** Sets the workspace's template for a kind; new documents of that kind start from it. */
export async function saveTemplate(
  workspaceId: string,
  kind: TTemplateKind,
  content: TTemplateContent,
): Promise<TTemplate> {
  const param = { workspaceId: segment(workspaceId), kind };
  return withContent((await read(templates[":kind"].$put({ param, json: { content } }))).template);
}

/** Back to the built-in template for a kind; the answer is that built-in template. */
export async function resetTemplate(workspaceId: string, kind: TTemplateKind): Promise<TTemplate> {
  const param = { workspaceId: segment(workspaceId), kind };
  return withContent((await read(templates[":kind"].$delete({ param }))).template);
}

/** A template as the routes answer it, its editor JSON checked (see `editorJson`). */
function withContent(template: InferResponseType<typeof templates.$get>["templates"][number]): TTemplate {
  return { ...template, content: editorJson(template.content) };
}
