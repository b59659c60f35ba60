import type { TCreateDocument, TDocument, TDocumentGrant, TRole } from "@caucus/shared";
import { jsonInit, request, segment } from "./client";

/** A workspace's live documents, last edited first; or its trash with `deleted` (editors only). */
export async function listDocuments(workspaceId: string, deleted = false): Promise<TDocument[]> {
  const query = deleted ? "?deleted=true" : "";
  const path = `/api/workspaces/${segment(workspaceId)}/documents${query}`;
  return (await request<{ documents: TDocument[] }>(path)).documents;
}

/** One document, carrying the caller's effective `role` on it. */
export async function getDocument(id: string): Promise<TDocument> {
  return (await request<{ document: TDocument }>(`/api/documents/${segment(id)}`)).document;
}

export async function createDocument(workspaceId: string, input: TCreateDocument): Promise<TDocument> {
  const path = `/api/workspaces/${segment(workspaceId)}/documents`;
  return (await request<{ document: TDocument }>(path, jsonInit("POST", input))).document;
}

export async function renameDocument(id: string, title: string): Promise<TDocument> {
  const init = jsonInit("PATCH", { title });
  return (await request<{ document: TDocument }>(`/api/documents/${segment(id)}`, init)).document;
}

/** Soft delete: the document stays restorable for `Limits.restoreDays`. */
export async function deleteDocument(id: string): Promise<TDocument> {
  return (await request<{ document: TDocument }>(`/api/documents/${segment(id)}`, jsonInit("DELETE")))
    .document;
}

export async function restoreDocument(id: string): Promise<TDocument> {
  const path = `/api/documents/${segment(id)}/restore`;
  return (await request<{ document: TDocument }>(path, jsonInit("POST", {}))).document;
}

/** Who has a per-document grant (owners only). */
export async function listDocumentAccess(id: string): Promise<TDocumentGrant[]> {
  return (await request<{ grants: TDocumentGrant[] }>(`/api/documents/${segment(id)}/access`)).grants;
}

/** Gives one person a role on this document, or changes it; their open sockets reconnect under it. */
export async function putDocumentAccess(id: string, userId: string, role: TRole): Promise<TDocumentGrant> {
  const path = `/api/documents/${segment(id)}/access/${segment(userId)}`;
  return (await request<{ grant: TDocumentGrant }>(path, jsonInit("PUT", { role }))).grant;
}

export async function deleteDocumentAccess(id: string, userId: string): Promise<void> {
  const path = `/api/documents/${segment(id)}/access/${segment(userId)}`;
  await request<{ ok: true }>(path, jsonInit("DELETE"));
}
