import { outranks, type TInvitationPreview } from "@caucus/shared";
import { ApiError } from "../errors.js";
import type { TInvitationDeps } from "./deps.js";
import { hashInvitationToken } from "./invitationToken.js";

class InvitationNotFoundError extends ApiError {
  constructor() {
    super(
      404,
      "invitation_not_found",
      "This invitation link is not valid: it may have expired, been used or been revoked. Ask for a new one.",
    );
  }
}

/** What an invitation link offers, shown before accepting. */
export async function previewInvitation(
  ctx: Pick<TInvitationDeps, "invitations">,
  token: string,
): Promise<TInvitationPreview> {
  const invitation = await ctx.invitations.findOpenByHash(hashInvitationToken(token));
  if (!invitation) throw new InvitationNotFoundError();
  return {
    workspaceName: invitation.workspaceName,
    role: invitation.role,
    documentId: invitation.documentId,
    documentTitle: invitation.documentTitle,
    invitedBy: invitation.createdBy?.name ?? null,
    expiresAt: invitation.expiresAt,
  };
}

/**
 * Uses up an invitation: the person joins the workspace with its role, or
 * gets that role on its one document. Someone who already has a higher
 * role keeps it.
 */
export async function acceptInvitation(
  ctx: Pick<TInvitationDeps, "invitations" | "workspaces" | "grants" | "audit" | "accessChanges">,
  userId: string,
  token: string,
): Promise<{ workspaceId: string; documentId: string | null }> {
  const invitation = await ctx.invitations.findOpenByHash(hashInvitationToken(token));
  if (!invitation || !(await ctx.invitations.markAccepted(invitation.id, userId))) {
    throw new InvitationNotFoundError();
  }
  const { workspaceId, documentId, role } = invitation;
  if (documentId) {
    const memberRole = await ctx.workspaces.roleOf(workspaceId, userId);
    if (!memberRole || outranks(role, memberRole)) await ctx.grants.set(documentId, userId, role);
  } else {
    await ctx.workspaces.addMember(workspaceId, userId, role);
  }
  // Sockets they already have open pick up the new rights.
  await ctx.accessChanges.publish({ userId, workspaceId, reason: "role_changed" });
  await ctx.audit.record({
    workspaceId,
    action: "invitation_accepted",
    actorId: userId,
    target: { type: "invitation", id: invitation.id, label: invitation.documentTitle },
    detail: { role, documentId },
  });
  return { workspaceId, documentId };
}
