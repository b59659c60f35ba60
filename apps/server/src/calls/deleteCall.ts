import { NotFoundError } from "../errors.js";
import type { TCallsDeps } from "./deps.js";

/** Removes a call from the board; its draft, if any, stays a document of the workspace. */
export async function deleteCall(
  ctx: Pick<TCallsDeps, "calls" | "audit" | "board">,
  actor: { userId: string; workspaceId: string },
  callId: string,
): Promise<void> {
  const { workspaceId, userId } = actor;
  const record = await ctx.calls.delete(workspaceId, callId);
  if (!record) throw new NotFoundError("The call");
  await ctx.audit.record({
    workspaceId,
    action: "call_deleted",
    actorId: userId,
    target: { type: "call", id: record.id, label: `${record.forum}: ${record.agendaItem}` },
  });
  ctx.board.publish(workspaceId, { type: "deleted", callId });
}
