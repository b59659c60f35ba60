import { effectiveRole, type TDocument, type TRole } from "@caucus/shared";
import type { TDocumentDeps } from "./deps.js";

/** Most documents one list returns. */
export const LIST_LIMIT = 500;

/**
 * A workspace's live documents, or its trash with `deleted`, each with the
 * caller's role on it (their per-document grants applied).
 */
export async function listDocuments(
  ctx: Pick<TDocumentDeps, "db" | "documents">,
  caller: { userId: string; workspaceId: string; role: TRole },
  options: { deleted: boolean },
): Promise<TDocument[]> {
  const records = await ctx.documents.list({
    workspaceId: caller.workspaceId,
    deleted: options.deleted,
    limit: LIST_LIMIT,
  });
  const grants = await ctx.db.query<{ document_id: string; role: TRole }>(
    `SELECT g.document_id, g.role FROM document_grants g JOIN documents d ON d.id = g.document_id
     WHERE g.user_id = $1 AND d.workspace_id = $2`,
    [caller.userId, caller.workspaceId],
  );
  const granted = new Map(grants.map((grant) => [grant.document_id, grant.role]));
  return records.map((record) => ({
    ...record,
    workspaceId: caller.workspaceId,
    role: effectiveRole(caller.role, granted.get(record.id) ?? null) ?? caller.role,
  }));
}
