import { createWorkspace } from "./createWorkspace.js";
import type { TWorkspaceDeps } from "./deps.js";

/** The name the first account's workspace starts with; owners can rename it. */
export const FIRST_WORKSPACE_NAME = "My coalition";

/**
 * On a fresh install, the first account gets a workspace to start in, and
 * any documents made before accounts existed move into it. Later accounts
 * start with none: they join by invitation or create their own.
 */
export async function provisionFirstWorkspace(
  ctx: Pick<TWorkspaceDeps, "workspaces" | "audit" | "documents" | "logger">,
  userId: string,
): Promise<void> {
  if (await ctx.workspaces.any()) return;
  const workspace = await createWorkspace(ctx, userId, FIRST_WORKSPACE_NAME);
  const adopted = await ctx.documents.adoptOrphans(workspace.id);
  ctx.logger.info({ workspaceId: workspace.id, adopted }, "first account: workspace created");
}
