import type { TVersionContent } from "@caucus/shared";
import type { TServiceContext } from "../context.js";
import { NotFoundError } from "../errors.js";
import type { TDocumentAccess } from "../policies/document.js";
import { contentOfState } from "../versions/snapshotDocument.js";

/** One version's text, to show it read-only: editor JSON decoded from its state, and its paragraphs. */
export async function readVersion(
  ctx: Pick<TServiceContext, "versions">,
  access: TDocumentAccess,
  versionId: string,
): Promise<TVersionContent> {
  const record = await ctx.versions.findWithText(access.document.id, versionId);
  if (!record) throw new NotFoundError("The version");
  const { state, paragraphs, ...version } = record;
  return { version, content: contentOfState(state), paragraphs };
}
