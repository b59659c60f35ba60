import type { TBoardChange } from "@caucus/shared";
import { Hono } from "hono";
import { requireAccount, type TAppEnv } from "../auth/session.js";
import { validate } from "../http/validate.js";
import { changeStream } from "../streams/changeStream.js";
import { authorizeWorkspace } from "../workspaces/policy.js";
import { ZWorkspaceParams } from "../workspaces/schemas.js";
import { createCall } from "./createCall.js";
import { deleteCall } from "./deleteCall.js";
import type { TCallsDeps } from "./deps.js";
import { listCalls } from "./listCalls.js";
import { ZCallParams, ZCreateCall, ZUpdateCall } from "./schemas.js";
import { updateCall } from "./updateCall.js";

/**
 * `/api/workspaces/:workspaceId/calls`: the calls board. Every member sees
 * it; members who may edit (`call:manage`) add, change and delete calls.
 * `/stream` sends the board, then its changes, as they happen.
 */
export function callRoutes(ctx: TCallsDeps) {
  return new Hono<TAppEnv>()
    .get("/", validate("param", ZWorkspaceParams), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "workspace:read");
      return c.json({ calls: await listCalls(ctx, workspaceId) }, 200);
    })
    .post("/", validate("param", ZWorkspaceParams), validate("json", ZCreateCall), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "call:manage");
      const input = c.req.valid("json");
      // Creating the draft too creates a document: that takes its own permission.
      if (input.draft) await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "document:create");
      return c.json({ call: await createCall(ctx, { userId, workspaceId }, input) }, 201);
    })
    .get("/stream", validate("param", ZWorkspaceParams), async (c) => {
      const account = requireAccount(c);
      const { workspaceId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, account.userId, workspaceId, "workspace:read");
      return changeStream<TBoardChange>(c, ctx.streams.open(c, account, { workspaceId }), {
        subscribe: (listener) => ctx.board.subscribe(workspaceId, listener),
        snapshot: () => listCalls(ctx, workspaceId),
      });
    })
    .patch("/:callId", validate("param", ZCallParams), validate("json", ZUpdateCall), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId, callId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "call:manage");
      return c.json(
        { call: await updateCall(ctx, { userId, workspaceId }, callId, c.req.valid("json")) },
        200,
      );
    })
    .delete("/:callId", validate("param", ZCallParams), async (c) => {
      const { userId } = requireAccount(c);
      const { workspaceId, callId } = c.req.valid("param");
      await authorizeWorkspace(ctx.workspaces, userId, workspaceId, "call:manage");
      await deleteCall(ctx, { userId, workspaceId }, callId);
      return c.json({ ok: true }, 200);
    });
}
