import type { TCall, TUpdateCall } from "@caucus/shared";
import { NotFoundError } from "../errors.js";
import type { TCallsDeps } from "./deps.js";
import { checkCallLinks, presentCall } from "./presentCall.js";

/** Changes a call's fields (status, speaker, draft, deadline…) and tells every board. */
export async function updateCall(
  ctx: Pick<TCallsDeps, "calls" | "documents" | "audit" | "workspaces" | "board" | "estimates">,
  actor: { userId: string; workspaceId: string },
  callId: string,
  input: TUpdateCall,
): Promise<TCall> {
  const { workspaceId, userId } = actor;
  await checkCallLinks(ctx, workspaceId, input);
  const record = await ctx.calls.update(workspaceId, callId, input);
  if (!record) throw new NotFoundError("The call");
  await ctx.audit.record({
    workspaceId,
    action: "call_updated",
    actorId: userId,
    target: { type: "call", id: record.id, label: `${record.forum}: ${record.agendaItem}` },
    detail: { fields: Object.keys(input), ...(input.status ? { status: input.status } : {}) },
  });
  const call = await presentCall(ctx, record);
  ctx.board.publish(workspaceId, { type: "updated", call });
  return call;
}
