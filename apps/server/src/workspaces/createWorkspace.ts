import { randomUUID } from "node:crypto";
import type { TWorkspace } from "@caucus/shared";
import type { TWorkspaceDeps } from "./deps.js";

/** A new workspace with its creator as owner. */
export async function createWorkspace(
  ctx: Pick<TWorkspaceDeps, "workspaces" | "audit">,
  userId: string,
  name: string,
): Promise<TWorkspace> {
  const workspace = await ctx.workspaces.create({ id: randomUUID(), name, ownerId: userId });
  await ctx.audit.record({
    workspaceId: workspace.id,
    action: "workspace_created",
    actorId: userId,
    target: { type: "workspace", id: workspace.id, label: name },
  });
  return workspace;
}
