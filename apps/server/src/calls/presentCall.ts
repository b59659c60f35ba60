import type { TCall } from "@caucus/shared";
import { InvalidInputError } from "../errors.js";
import type { TCallRecord } from "./CallRepository.js";
import type { TCallsDeps } from "./deps.js";

/** A call with its draft's current speaking time, as the board shows it. */
export async function presentCall(ctx: Pick<TCallsDeps, "estimates">, record: TCallRecord): Promise<TCall> {
  return { ...record, estimate: record.draft ? await ctx.estimates.of(record.draft.id) : null };
}

/**
 * Refuses a speaker who is not a member of the workspace, or a draft that is
 * not a live document of it, with the field named, so the form can say which.
 */
export async function checkCallLinks(
  ctx: Pick<TCallsDeps, "workspaces" | "documents">,
  workspaceId: string,
  links: { speakerId?: string | null | undefined; draftId?: string | null | undefined },
): Promise<void> {
  if (links.speakerId && !(await ctx.workspaces.roleOf(workspaceId, links.speakerId))) {
    const message = "The speaker must be a member of this workspace. Choose someone from the member list.";
    throw new InvalidInputError([{ path: "speakerId", message }], message);
  }
  if (links.draftId) {
    const document = await ctx.documents.find(links.draftId);
    if (!document || document.workspaceId !== workspaceId || document.deletedAt) {
      const message = "The draft must be a document of this workspace that is not in the trash.";
      throw new InvalidInputError([{ path: "draftId", message }], message);
    }
  }
}
