import { randomUUID } from "node:crypto";
import { MAX_NAMED_VERSIONS, MAX_VERSION_NAME, type TVersion, type TVersionRestore } from "@caucus/shared";
import type { TDocumentAccess } from "../documents/policy.js";
import { NotFoundError } from "../errors.js";
import { TooManyVersionsError } from "./createVersion.js";
import type { TVersionDeps } from "./deps.js";
import { contentOfState, snapshotDocument } from "./snapshotDocument.js";

/**
 * Brings a version's text back. Nothing is lost: unless the text now is
 * already the latest version, it is first saved as a named version
 * ("Before restoring …"). The text is not written here: the editor that
 * asked applies the returned content as one edit of its own, which reaches
 * every co-drafter through the sync socket like any other (see "Versions"
 * in docs/ARCHITECTURE.md for why).
 */
export async function restoreVersion(
  ctx: Pick<TVersionDeps, "versions" | "sync" | "updates" | "audit">,
  actorId: string,
  access: TDocumentAccess,
  versionId: string,
): Promise<TVersionRestore> {
  const documentId = access.document.id;
  const record = await ctx.versions.findWithText(documentId, versionId);
  if (!record) throw new NotFoundError("The version");
  const { state, paragraphs: _paragraphs, ...restored } = record;
  const now = await snapshotDocument(ctx, documentId);
  let saved: TVersion | null = null;
  if (now.contentHash !== (await ctx.versions.latestHash(documentId))) {
    saved = await ctx.versions.createNamedUnlessFull(
      { id: randomUUID(), documentId, name: beforeRestoringName(restored), note: "", createdBy: actorId },
      now,
      MAX_NAMED_VERSIONS,
    );
    if (!saved) throw new TooManyVersionsError();
  }
  await ctx.audit.record({
    workspaceId: access.document.workspaceId,
    action: "version_restored",
    actorId,
    target: { type: "document", id: documentId, label: access.document.title },
    detail: { versionId: restored.id, name: restored.name, savedVersionId: saved?.id ?? null },
  });
  return { restored, saved, content: contentOfState(state) };
}

function beforeRestoringName(version: TVersion): string {
  const what = version.name ? `“${version.name}”` : `the automatic version of ${version.createdAt}`;
  const name = `Before restoring ${what}`;
  return name.length <= MAX_VERSION_NAME ? name : `${name.slice(0, MAX_VERSION_NAME - 1)}…`;
}
