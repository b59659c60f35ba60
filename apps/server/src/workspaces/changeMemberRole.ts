import type { TMember, TRole } from "@caucus/shared";
import { ConflictError, NotFoundError } from "../errors.js";
import type { TWorkspaceDeps } from "./deps.js";

export const LAST_OWNER_MESSAGE = "A workspace needs at least one owner. Make someone else an owner first.";

/**
 * Changes a member's role, records it, and closes their open sockets in
 * this workspace so they reconnect under the new role at once.
 */
export async function changeMemberRole(
  ctx: Pick<TWorkspaceDeps, "workspaces" | "audit" | "accessChanges">,
  actorId: string,
  workspaceId: string,
  userId: string,
  role: TRole,
): Promise<TMember> {
  const before = await ctx.workspaces.member(workspaceId, userId);
  if (!before) throw new NotFoundError("That member");
  const outcome = await ctx.workspaces.setRole(workspaceId, userId, role);
  if (outcome === "missing") throw new NotFoundError("That member");
  if (outcome === "lastOwner") throw new ConflictError("last_owner", LAST_OWNER_MESSAGE);
  if (before.role !== role) {
    await ctx.accessChanges.publish({ userId, workspaceId, reason: "role_changed" });
    await ctx.audit.record({
      workspaceId,
      action: "member_role_changed",
      actorId,
      target: { type: "user", id: userId, label: before.email },
      detail: { from: before.role, to: role },
    });
  }
  return { ...before, role };
}
