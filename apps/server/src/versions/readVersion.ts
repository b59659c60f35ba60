import type { TVersionContent } from "@caucus/shared";
import type { TDocumentAccess } from "../documents/policy.js";
import { NotFoundError } from "../errors.js";
import type { TVersionDeps } from "./deps.js";
import { contentOfState } from "./snapshotDocument.js";

/** One version's text, to show it read-only: editor JSON decoded from its state, and its paragraphs. */
export async function readVersion(
  ctx: Pick<TVersionDeps, "versions">,
  access: TDocumentAccess,
  versionId: string,
): Promise<TVersionContent> {
  const record = await ctx.versions.findWithText(access.document.id, versionId);
  if (!record) throw new NotFoundError("The version");
  const { state, paragraphs, ...version } = record;
  return { version, content: contentOfState(state), paragraphs };
}
