import { ZPresenceLeave, ZPresenceReport } from "@caucus/shared/schemas";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { RateLimits } from "../../auth/rateLimits.js";
import { requireAccount, type TAppEnv } from "../../auth/session.js";
import type { TServiceContext } from "../../context.js";
import { authorizeWorkspace } from "../../policies/workspace.js";
import { presenceKey, reportPresence } from "../../services/reportPresence.js";
import { validate } from "../validate.js";
import { ZWorkspaceParams } from "./schemas.js";

/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 25_000;
/** Changes queued for one stream before it is sent a fresh snapshot instead. */
const MAX_PENDING_CHANGES = 1_000;

/**
 * `/api/workspaces/:workspaceId/presence`: who is online, for members.
 * Tabs report every few seconds; the list and a live stream (Server-Sent
 * Events, same origin, so the strict CSP's `connect-src 'self'` covers it)
 * show it to the others.
 */
export function presenceRoutes(ctx: TServiceContext, limits: RateLimits) {
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
      return c.json({ entry }, 200);
    })
    .post("/leave", validate("param", ZWorkspaceParams), validate("json", ZPresenceLeave), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "workspace:read");
      await ctx.presence.leave(workspaceId, presenceKey(userId, c.req.valid("json").connectionId));
      return c.json({ ok: true }, 200);
    })
    .get("/stream", validate("param", ZWorkspaceParams), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "workspace:read");
      c.header("Cache-Control", "no-store");
      return streamSSE(c, async (stream) => {
        // Changes wait here while the socket is busy; a reader too slow to
        // keep up gets a fresh snapshot instead of an ever longer queue.
        let pending: string[] = [];
        let behind = false;
        let wake: (() => void) | undefined;
        const unsubscribe = ctx.presence.subscribe(workspaceId, (change) => {
          if (pending.length >= MAX_PENDING_CHANGES) {
            pending = [];
            behind = true;
          } else if (!behind) {
            pending.push(JSON.stringify(change));
          }
          wake?.();
        });
        stream.onAbort(() => {
          unsubscribe();
          wake?.();
        });
        const snapshot = async () =>
          stream.writeSSE({ event: "snapshot", data: JSON.stringify(await ctx.presence.list(workspaceId)) });
        await snapshot();
        while (!stream.aborted) {
          if (behind) {
            behind = false;
            await snapshot();
            continue;
          }
          const data = pending.shift();
          if (data !== undefined) {
            await stream.writeSSE({ event: "change", data });
            continue;
          }
          let timer: ReturnType<typeof setTimeout> | undefined;
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, KEEPALIVE_MS);
          });
          clearTimeout(timer);
          wake = undefined;
          if (pending.length === 0 && !behind && !stream.aborted) await stream.write(": keep-alive\n\n");
        }
        unsubscribe();
      });
    });
}
