import type { TCallsDeps } from "./deps.js";
import { presentCall } from "./presentCall.js";

/**
 * A draft was renamed, moved to the trash or restored: the calls linking it
 * show its title (or no draft) differently, so every board hears them again.
 */
export async function announceDraftChanged(
  ctx: Pick<TCallsDeps, "calls" | "board" | "estimates">,
  documentId: string,
): Promise<void> {
  for (const record of await ctx.calls.listLinking(documentId)) {
    ctx.board.publish(record.workspaceId, { type: "updated", call: await presentCall(ctx, record) });
  }
}
