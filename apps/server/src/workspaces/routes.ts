import { can } from "@caucus/shared";
import { Hono } from "hono";
import { ownOrigin } from "../auth/createAuth.js";
import type { RateLimits } from "../auth/rateLimits.js";
import { requireAccount, type TAppEnv } from "../auth/session.js";
import { createDocument } from "../documents/createDocument.js";
import { listDocuments } from "../documents/listDocuments.js";
import { ZCreateDocument, ZListQuery } from "../documents/schemas.js";
import { ForbiddenError, NotFoundError } from "../errors.js";
import { validate } from "../http/validate.js";
import { createInvitation } from "../invitations/createInvitation.js";
import { revokeInvitation } from "../invitations/revokeInvitation.js";
import { auditCsvLines } from "./auditCsv.js";
import { changeMemberRole } from "./changeMemberRole.js";
import { createWorkspace } from "./createWorkspace.js";
import type { TWorkspaceDeps } from "./deps.js";
import { issuePasswordReset } from "./issuePasswordReset.js";
import { authorizeWorkspace } from "./policy.js";
import { removeMember } from "./removeMember.js";
import { renameWorkspace } from "./renameWorkspace.js";
import {
  ZAuditQuery,
  ZChangeRole,
  ZCreateInvitation,
  ZCreateWorkspace,
  ZInvitationParams,
  ZMemberParams,
  ZRenameWorkspace,
  ZWorkspaceParams,
} from "./schemas.js";

/** Rows per page of the CSV export's reads; the whole log is streamed. */
const CSV_PAGE = 1000;

/**
 * `/api/workspaces`: the workspace, its members, invitations, audit log and
 * documents; its calls, templates and presence are their features' routes,
 * mounted beside these in app.ts.
 */
export function workspaceRoutes(ctx: TWorkspaceDeps, limits: RateLimits) {
  return new Hono<TAppEnv>()
    .get("/", async (c) => {
      const { userId } = requireAccount(c);
      return c.json({ workspaces: await ctx.workspaces.listForUser(userId) }, 200);
    })
    .post("/", validate("json", ZCreateWorkspace), async (c) => {
      const { userId } = requireAccount(c);
      return c.json({ workspace: await createWorkspace(ctx, userId, c.req.valid("json").name) }, 201);
    })
    .get("/:workspaceId", validate("param", ZWorkspaceParams), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "workspace:read");
      // Null only if the membership ended since the check above: a 404, not `{ workspace: null }`.
      const workspace = await ctx.workspaces.findForUser(workspaceId, userId);
      if (!workspace) throw new NotFoundError("The workspace");
      return c.json({ workspace }, 200);
    })
    .patch(
      "/:workspaceId",
      validate("param", ZWorkspaceParams),
      validate("json", ZRenameWorkspace),
      async (c) => {
        const { userId } = requireAccount(c);
        const { workspaceId } = c.req.valid("param");
        await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "workspace:rename");
        return c.json(
          { workspace: await renameWorkspace(ctx, userId, workspaceId, c.req.valid("json").name) },
          200,
        );
      },
    )
    .get("/:workspaceId/members", validate("param", ZWorkspaceParams), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "workspace:read");
      return c.json({ members: await ctx.workspaces.members(workspaceId) }, 200);
    })
    .patch(
      "/:workspaceId/members/:userId",
      validate("param", ZMemberParams),
      validate("json", ZChangeRole),
      async (c) => {
        const account = requireAccount(c);
        const { workspaceId, userId } = c.req.valid("param");
        await authorizeWorkspace(ctx.workspaces, account.userId, workspaceId, "member:manage");
        const member = await changeMemberRole(
          ctx,
          account.userId,
          workspaceId,
          userId,
          c.req.valid("json").role,
        );
        return c.json({ member }, 200);
      },
    )
    .delete("/:workspaceId/members/:userId", validate("param", ZMemberParams), async (c) => {
      const account = requireAccount(c);
      const { workspaceId, userId } = c.req.valid("param");
      // Anyone may leave; removing someone else takes an owner.
      const permission = userId === account.userId ? "workspace:read" : "member:manage";
      await authorizeWorkspace(ctx.workspaces, account.userId, workspaceId, permission);
      await removeMember(ctx, account.userId, workspaceId, userId);
      return c.json({ ok: true }, 200);
    })
    .post("/:workspaceId/members/:userId/password-reset", validate("param", ZMemberParams), async (c) => {
      const account = requireAccount(c);
      const { workspaceId, userId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, account.userId, workspaceId, "member:manage");
      const origin = ctx.publicOrigin ?? ownOrigin(c.req.raw);
      const issued = await issuePasswordReset(ctx, account.userId, workspaceId, userId, origin);
      return c.json(issued, 201);
    })
    .get("/:workspaceId/invitations", validate("param", ZWorkspaceParams), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "member:manage");
      return c.json({ invitations: await ctx.invitations.listOpen(workspaceId) }, 200);
    })
    .post(
      "/:workspaceId/invitations",
      validate("param", ZWorkspaceParams),
      validate("json", ZCreateInvitation),
      async (c) => {
        const { userId } = requireAccount(c);
        const { workspaceId } = c.req.valid("param");
        await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "member:manage");
        await limits.consumeInvitation(userId);
        const created = await createInvitation(ctx, userId, workspaceId, c.req.valid("json"));
        return c.json(created, 201);
      },
    )
    .delete("/:workspaceId/invitations/:invitationId", validate("param", ZInvitationParams), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId, invitationId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "member:manage");
      await revokeInvitation(ctx, userId, workspaceId, invitationId);
      return c.json({ ok: true }, 200);
    })
    .get(
      "/:workspaceId/audit",
      validate("param", ZWorkspaceParams),
      validate("query", ZAuditQuery),
      async (c) => {
        const { userId } = requireAccount(c);
        const { workspaceId } = c.req.valid("param");
        await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "audit:read");
        const { before, limit } = c.req.valid("query");
        const events = await ctx.audit.page(workspaceId, { before, limit });
        const nextBefore = events.length === limit ? (events.at(-1)?.id ?? null) : null;
        return c.json({ events, nextBefore }, 200);
      },
    )
    .get("/:workspaceId/audit.csv", validate("param", ZWorkspaceParams), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "audit:read");
      let csv = "";
      let before: string | undefined;
      for (let first = true; ; first = false) {
        const events = await ctx.audit.page(workspaceId, { before, limit: CSV_PAGE });
        csv += auditCsvLines(events, first);
        if (events.length < CSV_PAGE) break;
        before = events.at(-1)?.id;
      }
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="caucus-audit-${workspaceId}.csv"`);
      c.header("Cache-Control", "no-store");
      return c.body(csv, 200);
    })
    .get(
      "/:workspaceId/documents",
      validate("param", ZWorkspaceParams),
      validate("query", ZListQuery),
      async (c) => {
        const { userId } = requireAccount(c);
        const { workspaceId } = c.req.valid("param");
        const { deleted } = c.req.valid("query");
        const role = await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "workspace:read");
        if (deleted && !can(role, "document:delete")) throw new ForbiddenError();
        return c.json(
          { documents: await listDocuments(ctx, { userId, workspaceId, role }, { deleted }) },
          200,
        );
      },
    )
    .post(
      "/:workspaceId/documents",
      validate("param", ZWorkspaceParams),
      validate("json", ZCreateDocument),
      async (c) => {
        const { userId } = requireAccount(c);
        const { workspaceId } = c.req.valid("param");
        await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "document:create");
        return c.json(
          { document: await createDocument(ctx, { userId, workspaceId }, c.req.valid("json")) },
          201,
        );
      },
    );
}
