import type { TDocumentGrant, TRole } from "@caucus/shared";
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { TDocumentDeps } from "./deps.js";
import type { TDocumentAccess } from "./policy.js";

/**
 * Gives a member of the workspace, or someone who already has a grant on
 * this document, a role on it. Strangers are invited by link instead, so
 * nobody's account is confirmed to exist by email.
 */
export async function setDocumentGrant(
  ctx: Pick<TDocumentDeps, "grants" | "workspaces" | "audit" | "accessChanges">,
  actorId: string,
  access: TDocumentAccess,
  userId: string,
  role: TRole,
): Promise<TDocumentGrant> {
  const { id: documentId, workspaceId, title } = access.document;
  const existing = (await ctx.grants.list(documentId)).find((grant) => grant.userId === userId);
  const member = await ctx.workspaces.member(workspaceId, userId);
  if (!existing && !member) {
    throw new InvalidInputError(
      [{ path: "userId", message: "Not a member of this workspace." }],
      "Only members can be given a role here. Invite others with a link to this document.",
    );
  }
  await ctx.grants.set(documentId, userId, role);
  await ctx.accessChanges.publish({ userId, documentId, reason: "grant_changed" });
  await ctx.audit.record({
    workspaceId,
    action: "document_access_changed",
    actorId,
    target: { type: "document", id: documentId, label: title },
    detail: { userId, from: existing?.role ?? member?.role ?? null, to: role },
  });
  const grant = (await ctx.grants.list(documentId)).find((row) => row.userId === userId);
  if (!grant) throw new NotFoundError("The grant");
  return grant;
}

/** Takes a grant away; the person falls back to their workspace role, or loses the document. */
export async function removeDocumentGrant(
  ctx: Pick<TDocumentDeps, "grants" | "audit" | "accessChanges">,
  actorId: string,
  access: TDocumentAccess,
  userId: string,
): Promise<void> {
  const { id: documentId, workspaceId, title } = access.document;
  if (!(await ctx.grants.remove(documentId, userId))) throw new NotFoundError("That person's access");
  await ctx.accessChanges.publish({ userId, documentId, reason: "grant_changed" });
  await ctx.audit.record({
    workspaceId,
    action: "document_access_changed",
    actorId,
    target: { type: "document", id: documentId, label: title },
    detail: { userId, to: null },
  });
}
