import { can, type TPermission, type TRole } from "@caucus/shared";
import { ForbiddenError } from "../errors.js";
import type { WorkspaceRepository } from "./WorkspaceRepository.js";

/**
 * The caller's role in a workspace if it allows `permission`; else 403
 * (non-members included, so a workspace's existence is not confirmed).
 */
export async function authorizeWorkspace(
  workspaces: WorkspaceRepository,
  userId: string,
  workspaceId: string,
  permission: TPermission,
): Promise<TRole> {
  const role = await workspaces.roleOf(workspaceId, userId);
  if (!role || !can(role, permission)) throw new ForbiddenError();
  return role;
}
