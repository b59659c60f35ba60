import { Hono } from "hono";
import { requireAccount, type TAppEnv } from "../auth/session.js";
import { authorizeDocument } from "../documents/policy.js";
import { ZCompareQuery, ZCreateVersion, ZDocumentParams, ZVersionParams } from "../documents/schemas.js";
import { validate } from "../http/validate.js";
import { compareHtml } from "./compareHtml.js";
import { compareVersions } from "./compareVersions.js";
import { createVersion } from "./createVersion.js";
import type { TVersionDeps } from "./deps.js";
import { readVersion } from "./readVersion.js";
import { restoreVersion } from "./restoreVersion.js";

/**
 * `/api/documents/:id/versions` and `/compare`: a document's versions,
 * with the document's own permissions. Whoever reads the document lists,
 * opens, compares and exports; whoever edits it saves and restores.
 */
export function versionRoutes(ctx: TVersionDeps) {
  return new Hono<TAppEnv>()
    .get("/:id/versions", validate("param", ZDocumentParams), async (c) => {
      const { userId } = requireAccount(c);
      const access = await authorizeDocument(ctx.db, userId, c.req.valid("param").id, "document:read");
      return c.json({ versions: await ctx.versions.list(access.document.id) }, 200);
    })
    .post(
      "/:id/versions",
      validate("param", ZDocumentParams),
      validate("json", ZCreateVersion),
      async (c) => {
        const { userId } = requireAccount(c);
        const access = await authorizeDocument(ctx.db, userId, c.req.valid("param").id, "document:edit");
        return c.json({ version: await createVersion(ctx, userId, access, c.req.valid("json")) }, 201);
      },
    )
    .get("/:id/versions/:versionId", validate("param", ZVersionParams), async (c) => {
      const { userId } = requireAccount(c);
      const params = c.req.valid("param");
      const access = await authorizeDocument(ctx.db, userId, params.id, "document:read");
      return c.json(await readVersion(ctx, access, params.versionId), 200);
    })
    .post("/:id/versions/:versionId/restore", validate("param", ZVersionParams), async (c) => {
      const { userId } = requireAccount(c);
      const params = c.req.valid("param");
      const access = await authorizeDocument(ctx.db, userId, params.id, "document:edit");
      return c.json(await restoreVersion(ctx, userId, access, params.versionId), 200);
    })
    .get("/:id/compare", validate("param", ZDocumentParams), validate("query", ZCompareQuery), async (c) => {
      const { userId } = requireAccount(c);
      const access = await authorizeDocument(ctx.db, userId, c.req.valid("param").id, "document:read");
      const { from, to } = c.req.valid("query");
      return c.json(await compareVersions(ctx, access, from, to), 200);
    })
    .get(
      "/:id/compare/export",
      validate("param", ZDocumentParams),
      validate("query", ZCompareQuery),
      async (c) => {
        const { userId } = requireAccount(c);
        const access = await authorizeDocument(ctx.db, userId, c.req.valid("param").id, "document:read");
        const { from, to } = c.req.valid("query");
        const comparison = await compareVersions(ctx, access, from, to);
        c.header("Content-Type", "text/html; charset=utf-8");
        c.header("Content-Disposition", `attachment; filename="caucus-changes-${access.document.id}.html"`);
        c.header("Cache-Control", "no-store");
        return c.body(compareHtml(access.document.title, comparison), 200);
      },
    );
}
