import { Hono } from "hono";
import type { RateLimits } from "../auth/rateLimits.js";
import { requireAccount, type TAppEnv } from "../auth/session.js";
import { validate } from "../http/validate.js";
import { ZInvitationToken } from "../workspaces/schemas.js";
import { acceptInvitation, previewInvitation } from "./acceptInvitation.js";
import type { TInvitationDeps } from "./deps.js";

/**
 * `/api/invitations`: the token travels in the body, never in a path or
 * query string that access logs and browser history keep.
 */
export function invitationRoutes(ctx: TInvitationDeps, limits: RateLimits) {
  return new Hono<TAppEnv>()
    .use("*", async (c, next) => {
      await limits.consumeInvitationLookup(limits.clientAddress(c));
      await next();
    })
    .post("/preview", validate("json", ZInvitationToken), async (c) => {
      return c.json({ invitation: await previewInvitation(ctx, c.req.valid("json").token) }, 200);
    })
    .post("/accept", validate("json", ZInvitationToken), async (c) => {
      const { userId } = requireAccount(c);
      return c.json(await acceptInvitation(ctx, userId, c.req.valid("json").token), 200);
    });
}
