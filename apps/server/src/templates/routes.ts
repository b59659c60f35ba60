import { Hono } from "hono";
import { requireAccount, type TAppEnv } from "../auth/session.js";
import { validate } from "../http/validate.js";
import { authorizeWorkspace } from "../workspaces/policy.js";
import { ZWorkspaceParams } from "../workspaces/schemas.js";
import type { TTemplateDeps } from "./deps.js";
import { listTemplates, presentTemplate } from "./listTemplates.js";
import { resetTemplate } from "./resetTemplate.js";
import { saveTemplate } from "./saveTemplate.js";
import { ZSaveTemplate, ZTemplateParams } from "./schemas.js";

/**
 * `/api/workspaces/:workspaceId/templates`: what new documents of each kind
 * start from. Every member reads them; members who may edit
 * (`template:manage`) set one (PUT) or go back to the built-in one (DELETE).
 */
export function templateRoutes(ctx: TTemplateDeps) {
  return new Hono<TAppEnv>()
    .get("/", validate("param", ZWorkspaceParams), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "workspace:read");
      return c.json({ templates: await listTemplates(ctx, workspaceId) }, 200);
    })
    .get("/:kind", validate("param", ZTemplateParams), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId, kind } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "workspace:read");
      return c.json({ template: presentTemplate(kind, await ctx.templates.find(workspaceId, kind)) }, 200);
    })
    .put("/:kind", validate("param", ZTemplateParams), validate("json", ZSaveTemplate), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId, kind } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "template:manage");
      const { content } = c.req.valid("json");
      return c.json({ template: await saveTemplate(ctx, { userId, workspaceId }, kind, content) }, 200);
    })
    .delete("/:kind", validate("param", ZTemplateParams), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId, kind } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "template:manage");
      return c.json({ template: await resetTemplate(ctx, { userId, workspaceId }, kind) }, 200);
    });
}
