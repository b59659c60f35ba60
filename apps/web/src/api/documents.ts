import type { TCreateDocument, TDocument, TDocumentGrant, TRole } from "@caucus/shared";
import { api, read, segment } from "./client";

const document = api.documents[":id"];
const access = document.access[":userId"];

/** A workspace's live documents, last edited first; or its trash with `deleted` (editors only). */
export async function listDocuments(workspaceId: string, deleted = false): Promise<TDocument[]> {
  const pending = api.workspaces[":workspaceId"].documents.$get({
    param: { workspaceId: segment(workspaceId) },
    query: deleted ? { deleted: "true" } : {},
  });
  return (await read(pending)).documents;
}

/** One document, carrying the caller's effective `role` on it. */
export async function getDocument(id: string): Promise<TDocument> {
  return (await read(document.$get({ param: { id: segment(id) } }))).document;
}

export async function createDocument(workspaceId: string, input: TCreateDocument): Promise<TDocument> {
  const pending = api.workspaces[":workspaceId"].documents.$post({
    param: { workspaceId: segment(workspaceId) },
    json: input,
  });
  return (await read(pending)).document;
}

export async function renameDocument(id: string, title: string): Promise<TDocument> {
  return (await read(document.$patch({ param: { id: segment(id) }, json: { title } }))).document;
}

/** Soft delete: the document stays restorable for `Limits.restoreDays`. */
export async function deleteDocument(id: string): Promise<TDocument> {
  return (await read(document.$delete({ param: { id: segment(id) } }))).document;
}

export async function restoreDocument(id: string): Promise<TDocument> {
  return (await read(document.restore.$post({ param: { id: segment(id) } }))).document;
}

/** Who has a per-document grant (owners only). */
export async function listDocumentAccess(id: string): Promise<TDocumentGrant[]> {
  return (await read(document.access.$get({ param: { id: segment(id) } }))).grants;
}

/** Gives one person a role on this document, or changes it; their open sockets reconnect under it. */
export async function putDocumentAccess(id: string, userId: string, role: TRole): Promise<TDocumentGrant> {
  const pending = access.$put({ param: { id: segment(id), userId: segment(userId) }, json: { role } });
  return (await read(pending)).grant;
}

export async function deleteDocumentAccess(id: string, userId: string): Promise<void> {
  await access.$delete({ param: { id: segment(id), userId: segment(userId) } });
}
