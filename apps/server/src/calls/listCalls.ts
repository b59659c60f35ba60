import { MAX_CALLS_PER_WORKSPACE, type TCall } from "@caucus/shared";
import type { TCallsDeps } from "./deps.js";
import { presentCall } from "./presentCall.js";

/** A workspace's calls, soonest deadline first, each with its draft's speaking time now. */
export async function listCalls(
  ctx: Pick<TCallsDeps, "calls" | "estimates">,
  workspaceId: string,
): Promise<TCall[]> {
  const records = await ctx.calls.list(workspaceId, MAX_CALLS_PER_WORKSPACE);
  // One after the other: a draft not open here is read from storage, and
  // a board of hundreds must not load them all at once.
  const calls: TCall[] = [];
  for (const record of records) calls.push(await presentCall(ctx, record));
  return calls;
}
