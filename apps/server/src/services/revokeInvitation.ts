import type { TServiceContext } from "../context.js";
import { NotFoundError } from "../errors.js";

export async function revokeInvitation(
  ctx: Pick<TServiceContext, "invitations" | "audit">,
  actorId: string,
  workspaceId: string,
  invitationId: string,
): Promise<void> {
  if (!(await ctx.invitations.revoke(workspaceId, invitationId))) throw new NotFoundError("That invitation");
  await ctx.audit.record({
    workspaceId,
    action: "invitation_revoked",
    actorId,
    target: { type: "invitation", id: invitationId, label: null },
  });
}
