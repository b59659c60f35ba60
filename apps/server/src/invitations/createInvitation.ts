import { randomUUID } from "node:crypto";
import type { TInvitation, TRole } from "@caucus/shared";
import { InvalidInputError } from "../errors.js";
import type { TInvitationDeps } from "./deps.js";
import { hashInvitationToken, newInvitationToken } from "./invitationToken.js";

/**
 * An invitation link with a role and an expiry, to the workspace or to one
 * of its documents only. The token is returned this once; only its hash is
 * stored.
 */
export async function createInvitation(
  ctx: Pick<TInvitationDeps, "invitations" | "documents" | "audit">,
  actorId: string,
  workspaceId: string,
  input: { role: TRole; documentId: string | null; expiresInHours: number },
  now = new Date(),
): Promise<{ invitation: TInvitation; token: string }> {
  let documentTitle: string | null = null;
  if (input.documentId) {
    const document = await ctx.documents.find(input.documentId);
    if (!document || document.workspaceId !== workspaceId || document.deletedAt) {
      throw new InvalidInputError(
        [{ path: "documentId", message: "No such document in this workspace." }],
        "That document is not in this workspace.",
      );
    }
    documentTitle = document.title;
  }
  const token = newInvitationToken();
  const invitation = await ctx.invitations.create({
    id: randomUUID(),
    workspaceId,
    tokenHash: hashInvitationToken(token),
    role: input.role,
    documentId: input.documentId,
    createdBy: actorId,
    expiresAt: new Date(now.getTime() + input.expiresInHours * 3600_000),
  });
  await ctx.audit.record({
    workspaceId,
    action: "invitation_created",
    actorId,
    target: { type: "invitation", id: invitation.id, label: documentTitle },
    detail: { role: input.role, documentId: input.documentId, expiresAt: invitation.expiresAt },
  });
  return { invitation, token };
}
