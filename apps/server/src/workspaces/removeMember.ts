import { ConflictError, NotFoundError } from "../errors.js";
import { LAST_OWNER_MESSAGE } from "./changeMemberRole.js";
import type { TWorkspaceDeps } from "./deps.js";

/**
 * Removes a member (or lets one leave) and cuts their open sockets on this
 * workspace's documents: the lost-or-seized-device case.
 */
export async function removeMember(
  ctx: Pick<TWorkspaceDeps, "workspaces" | "audit" | "accessChanges">,
  actorId: string,
  workspaceId: string,
  userId: string,
): Promise<void> {
  const before = await ctx.workspaces.member(workspaceId, userId);
  if (!before) throw new NotFoundError("That member");
  const outcome = await ctx.workspaces.removeMember(workspaceId, userId);
  if (outcome === "missing") throw new NotFoundError("That member");
  if (outcome === "lastOwner") throw new ConflictError("last_owner", LAST_OWNER_MESSAGE);
  await ctx.accessChanges.publish({ userId, workspaceId, reason: "removed" });
  await ctx.audit.record({
    workspaceId,
    action: "member_removed",
    actorId,
    target: { type: "user", id: userId, label: before.email },
    detail: { role: before.role, left: actorId === userId },
  });
}
