import type { TWorkspace } from "@caucus/shared";
import { NotFoundError } from "../errors.js";
import type { TWorkspaceDeps } from "./deps.js";

export async function renameWorkspace(
  ctx: Pick<TWorkspaceDeps, "workspaces" | "audit">,
  actorId: string,
  workspaceId: string,
  name: string,
): Promise<TWorkspace> {
  const before = await ctx.workspaces.name(workspaceId);
  await ctx.workspaces.rename(workspaceId, name);
  const workspace = await ctx.workspaces.findForUser(workspaceId, actorId);
  if (!workspace) throw new NotFoundError("The workspace");
  await ctx.audit.record({
    workspaceId,
    action: "workspace_renamed",
    actorId,
    target: { type: "workspace", id: workspaceId, label: name },
    detail: { from: before },
  });
  return workspace;
}
