import type { TCreateDocument, TDocument } from "@caucus/shared";

/**
 * An API failure: the server's stable `code` (which errorMessage.ts turns
 * into a sentence in the reader's language), its English `message` and any
 * `details`. `status` 0 means the request never reached the server.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Marker for "the network failed", so the UI can say "check your connection". */
export const NETWORK_ERROR = "network";

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { Accept: "application/json", ...(init.body ? { "Content-Type": "application/json" } : {}) },
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError("", 0, NETWORK_ERROR);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(
      error?.message ?? "",
      response.status,
      error?.code ?? `http${response.status}`,
      error?.details,
    );
  }
  return body as T;
}

/** Documents not deleted, newest updated first; or the trash with `deleted`. */
export async function listDocuments(deleted = false): Promise<TDocument[]> {
  const query = deleted ? "?deleted=true" : "";
  return (await request<{ documents: TDocument[] }>(`/api/documents${query}`)).documents;
}

export async function getDocument(id: string): Promise<TDocument> {
  return (await request<{ document: TDocument }>(`/api/documents/${encodeURIComponent(id)}`)).document;
}

export async function createDocument(input: TCreateDocument): Promise<TDocument> {
  const init = { method: "POST", body: JSON.stringify(input) };
  return (await request<{ document: TDocument }>("/api/documents", init)).document;
}

export async function renameDocument(id: string, title: string): Promise<TDocument> {
  const init = { method: "PATCH", body: JSON.stringify({ title }) };
  return (await request<{ document: TDocument }>(`/api/documents/${encodeURIComponent(id)}`, init)).document;
}

/** Soft delete: the document stays restorable for `Limits.restoreDays`. */
export async function deleteDocument(id: string): Promise<TDocument> {
  const init = { method: "DELETE" };
  return (await request<{ document: TDocument }>(`/api/documents/${encodeURIComponent(id)}`, init)).document;
}

export async function restoreDocument(id: string): Promise<TDocument> {
  const init = { method: "POST" };
  return (await request<{ document: TDocument }>(`/api/documents/${encodeURIComponent(id)}/restore`, init))
    .document;
}
