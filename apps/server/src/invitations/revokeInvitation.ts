import { NotFoundError } from "../errors.js";
import type { TInvitationDeps } from "./deps.js";

export async function revokeInvitation(
  ctx: Pick<TInvitationDeps, "invitations" | "audit">,
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
