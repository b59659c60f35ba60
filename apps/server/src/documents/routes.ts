import { Hono } from "hono";
import { requireAccount, type TAppEnv } from "../auth/session.js";
import { validate } from "../http/validate.js";
import { deleteDocument } from "./deleteDocument.js";
import type { TDocumentDeps } from "./deps.js";
import { authorizeDocument } from "./policy.js";
import { renameDocument } from "./renameDocument.js";
import { restoreDocument } from "./restoreDocument.js";
import { ZChangeRole, ZDocumentParams, ZGrantParams, ZRenameDocument } from "./schemas.js";
import { removeDocumentGrant, setDocumentGrant } from "./setDocumentGrant.js";

/**
 * `/api/documents/:id`: thin handlers, validate → authorize (policies) →
 * service → present. Listing and creating live under the workspace.
 */
export function documentRoutes(ctx: TDocumentDeps) {
  return new Hono<TAppEnv>()
    .get("/:id", validate("param", ZDocumentParams), async (c) => {
      const { userId } = requireAccount(c);
      const access = await authorizeDocument(ctx.db, userId, c.req.valid("param").id, "document:read");
      return c.json({ document: { ...access.document, role: access.role } }, 200);
    })
    .patch("/:id", validate("param", ZDocumentParams), validate("json", ZRenameDocument), async (c) => {
      const { userId } = requireAccount(c);
      const access = await authorizeDocument(ctx.db, userId, c.req.valid("param").id, "document:rename");
      return c.json({ document: await renameDocument(ctx, userId, access, c.req.valid("json").title) }, 200);
    })
    .delete("/:id", validate("param", ZDocumentParams), async (c) => {
      const { userId } = requireAccount(c);
      const access = await authorizeDocument(ctx.db, userId, c.req.valid("param").id, "document:delete");
      return c.json({ document: await deleteDocument(ctx, userId, access) }, 200);
    })
    .post("/:id/restore", validate("param", ZDocumentParams), async (c) => {
      const { userId } = requireAccount(c);
      const access = await authorizeDocument(ctx.db, userId, c.req.valid("param").id, "document:delete", {
        allowDeleted: true,
      });
      return c.json({ document: await restoreDocument(ctx, userId, access) }, 200);
    })
    .post("/:id/sync-token", validate("param", ZDocumentParams), async (c) => {
      const { userId, sessionId } = requireAccount(c);
      const access = await authorizeDocument(ctx.db, userId, c.req.valid("param").id, "document:read");
      const { token, expiresAt } = ctx.syncTokens.issue(access.document.id, userId, sessionId);
      return c.json({ token, expiresAt: expiresAt.toISOString() }, 200);
    })
    .get("/:id/access", validate("param", ZDocumentParams), async (c) => {
      const { userId } = requireAccount(c);
      const access = await authorizeDocument(ctx.db, userId, c.req.valid("param").id, "document:share");
      return c.json({ grants: await ctx.grants.list(access.document.id) }, 200);
    })
    .put("/:id/access/:userId", validate("param", ZGrantParams), validate("json", ZChangeRole), async (c) => {
      const { userId } = requireAccount(c);
      const params = c.req.valid("param");
      const access = await authorizeDocument(ctx.db, userId, params.id, "document:share");
      const grant = await setDocumentGrant(ctx, userId, access, params.userId, c.req.valid("json").role);
      return c.json({ grant }, 200);
    })
    .delete("/:id/access/:userId", validate("param", ZGrantParams), async (c) => {
      const { userId } = requireAccount(c);
      const params = c.req.valid("param");
      const access = await authorizeDocument(ctx.db, userId, params.id, "document:share");
      await removeDocumentGrant(ctx, userId, access, params.userId);
      return c.json({ ok: true }, 200);
    });
}
