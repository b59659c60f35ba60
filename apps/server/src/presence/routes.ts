import { ZPresenceLeave, ZPresenceReport } from "@caucus/shared/schemas";
import { Hono } from "hono";
import type { RateLimits } from "../auth/rateLimits.js";
import { requireAccount, type TAppEnv } from "../auth/session.js";
import { validate } from "../http/validate.js";
import { changeStream } from "../streams/changeStream.js";
import { authorizeWorkspace } from "../workspaces/policy.js";
import { ZWorkspaceParams } from "../workspaces/schemas.js";
import type { TPresenceDeps } from "./deps.js";
import { presenceKey, reportPresence } from "./reportPresence.js";

/**
 * `/api/workspaces/:workspaceId/presence`: who is online, for members.
 * Tabs report every half of `PRESENCE_TTL_MS`; the list and a live stream (Server-Sent
 * Events, same origin, so the strict CSP's `connect-src 'self'` covers it)
 * show it to the others.
 */
export function presenceRoutes(ctx: TPresenceDeps, limits: RateLimits) {
  return new Hono<TAppEnv>()
    .get("/", validate("param", ZWorkspaceParams), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "workspace:read");
      return c.json({ entries: await ctx.presence.list(workspaceId) }, 200);
    })
    .post("/", validate("param", ZWorkspaceParams), validate("json", ZPresenceReport), async (c) => {
      const account = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, account.userId, workspaceId, "workspace:read");
      await limits.consumePresenceReport(account.userId);
      const entry = await reportPresence(ctx, account, workspaceId, c.req.valid("json"));
      // The tab reports again within half of it, leaving room for one lost report.
      return c.json({ entry, ttlMs: ctx.presence.ttlMs }, 200);
    })
    .post("/leave", validate("param", ZWorkspaceParams), validate("json", ZPresenceLeave), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "workspace:read");
      await ctx.presence.leave(workspaceId, presenceKey(userId, c.req.valid("json").connectionId));
      return c.json({ ok: true }, 200);
    })
    .get("/stream", validate("param", ZWorkspaceParams), async (c) => {
      const account = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, account.userId, workspaceId, "workspace:read");
      return changeStream(c, ctx.streams.open(c, account, { workspaceId }), {
        subscribe: (listener) => ctx.presence.subscribe(workspaceId, listener),
        snapshot: () => ctx.presence.list(workspaceId),
      });
    });
}
