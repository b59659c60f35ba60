import type { TTemplate, TTemplateContent, TTemplateKind } from "@caucus/shared";
import { jsonInit, request, segment } from "./client";

const base = (workspaceId: string) => `/api/workspaces/${segment(workspaceId)}/templates`;

/** Every kind's template: the workspace's own where set, else the built-in one. */
export async function listTemplates(workspaceId: string): Promise<TTemplate[]> {
  return (await request<{ templates: TTemplate[] }>(base(workspaceId))).templates;
}

/** Sets the workspace's template for a kind; new documents of that kind start from it. */
export async function saveTemplate(
  workspaceId: string,
  kind: TTemplateKind,
  content: TTemplateContent,
): Promise<TTemplate> {
  const path = `${base(workspaceId)}/${segment(kind)}`;
  return (await request<{ template: TTemplate }>(path, jsonInit("PUT", { content }))).template;
}

/** Back to the built-in template for a kind; the answer is that built-in template. */
export async function resetTemplate(workspaceId: string, kind: TTemplateKind): Promise<TTemplate> {
  const path = `${base(workspaceId)}/${segment(kind)}`;
  return (await request<{ template: TTemplate }>(path, jsonInit("DELETE"))).template;
}
