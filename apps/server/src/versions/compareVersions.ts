import { diffText, type TCompareSide, type TVersionComparison } from "@caucus/shared";
import type { TDocumentAccess } from "../documents/policy.js";
import { NotFoundError } from "../errors.js";
import type { TVersionDeps } from "./deps.js";
import { snapshotDocument } from "./snapshotDocument.js";

/** In place of a version's id: the document's text now. */
export const CURRENT = "current";

/**
 * The word-level differences between two texts of a document: two of its
 * versions, or one and the text now. `from` is read as the earlier text.
 */
export async function compareVersions(
  ctx: Pick<TVersionDeps, "versions" | "sync" | "updates">,
  access: TDocumentAccess,
  from: string,
  to: string,
): Promise<TVersionComparison> {
  const [before, after] = await Promise.all([readSide(ctx, access, from), readSide(ctx, access, to)]);
  return { from: before.side, to: after.side, diff: diffText(before.paragraphs, after.paragraphs) };
}

async function readSide(
  ctx: Pick<TVersionDeps, "versions" | "sync" | "updates">,
  access: TDocumentAccess,
  ref: string,
): Promise<{ side: TCompareSide; paragraphs: string[] }> {
  if (ref === CURRENT) {
    const { paragraphs } = await snapshotDocument(ctx, access.document.id);
    return { side: { kind: "current", at: new Date().toISOString() }, paragraphs };
  }
  const record = await ctx.versions.findWithText(access.document.id, ref);
  if (!record) throw new NotFoundError("The version");
  const { state: _state, paragraphs, ...version } = record;
  return { side: { kind: "version", version }, paragraphs };
}
