import { randomUUID } from "node:crypto";
import { MAX_NAMED_VERSIONS, type TVersion } from "@caucus/shared";
import type { TDocumentAccess } from "../documents/policy.js";
import { ConflictError } from "../errors.js";
import type { TVersionDeps } from "./deps.js";
import { snapshotDocument } from "./snapshotDocument.js";

export class TooManyVersionsError extends ConflictError {
  constructor() {
    super(
      "too_many_versions",
      `This document already has ${MAX_NAMED_VERSIONS} named versions, the most it keeps. Copy the text into a new document to go on saving versions.`,
    );
  }
}

/** Freezes the document's text now as a named version ("v3 sent to delegations"). */
export async function createVersion(
  ctx: Pick<TVersionDeps, "versions" | "sync" | "updates" | "audit">,
  actorId: string,
  access: TDocumentAccess,
  input: { name: string; note: string },
): Promise<TVersion> {
  const documentId = access.document.id;
  const snapshot = await snapshotDocument(ctx, documentId);
  const version = await ctx.versions.createNamedUnlessFull(
    { id: randomUUID(), documentId, name: input.name, note: input.note, createdBy: actorId },
    snapshot,
    MAX_NAMED_VERSIONS,
  );
  if (!version) throw new TooManyVersionsError();
  await ctx.audit.record({
    workspaceId: access.document.workspaceId,
    action: "version_created",
    actorId,
    target: { type: "document", id: documentId, label: access.document.title },
    detail: { versionId: version.id, name: version.name },
  });
  return version;
}
