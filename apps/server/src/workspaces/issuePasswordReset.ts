import { resetLink } from "../auth/PasswordResets.js";
import { ApiError, ConflictError, NotFoundError } from "../errors.js";
import type { TWorkspaceDeps } from "./deps.js";

/**
 * An owner's one-time reset link for a member who forgot their password,
 * when this Caucus has no mail. It opens the member's whole account, so an
 * owner may issue it only for someone whose every workspace and shared
 * document is one this owner owns: it must not reach past this owner's own
 * coalition. Shown once; audited.
 */
export async function issuePasswordReset(
  ctx: TWorkspaceDeps,
  issuerId: string,
  workspaceId: string,
  userId: string,
  origin: string,
): Promise<{ link: string; expiresAt: string }> {
  if (ctx.passwordResets.mode === "mail") {
    throw new ConflictError(
      "reset_by_mail",
      "This Caucus sends reset links by mail: the member asks for one on the sign-in page.",
    );
  }
  if (userId === issuerId) {
    throw new ApiError(400, "own_account", "Change your own password on your account page.");
  }
  const member = await ctx.workspaces.member(workspaceId, userId);
  if (!member) throw new NotFoundError("This member");
  const beyond = await ctx.db.query(
    `SELECT 1 FROM members m WHERE m.user_id = $1 AND NOT EXISTS (
       SELECT 1 FROM members o WHERE o.workspace_id = m.workspace_id AND o.user_id = $2 AND o.role = 'owner')
     UNION ALL
     SELECT 1 FROM document_grants g JOIN documents d ON d.id = g.document_id WHERE g.user_id = $1 AND NOT EXISTS (
       SELECT 1 FROM members o WHERE o.workspace_id = d.workspace_id AND o.user_id = $2 AND o.role = 'owner')
     LIMIT 1`,
    [userId, issuerId],
  );
  if (beyond.length > 0) {
    throw new ApiError(
      403,
      "member_elsewhere",
      "This member also works in a workspace you do not own, so you cannot reset their password. An owner of every workspace they belong to can, or they can ask whoever runs Caucus.",
    );
  }
  const { token, expiresAt } = await ctx.passwordResets.issue(userId);
  await ctx.audit.record({
    workspaceId,
    action: "password_reset_link_created",
    actorId: issuerId,
    target: { type: "user", id: userId, label: member.name },
  });
  return { link: resetLink(origin, token), expiresAt: expiresAt.toISOString() };
}
