import { DOCUMENT_KINDS, isRole, type TDocument, type TDocumentKind, type TRole } from "@caucus/shared";

/**
 * What this device last knew of each document (title, the person's role,
 * its workspace), so a page opened offline still says which statement it
 * is and stays read-only for someone who may only read it.
 */
const key = (documentId: string) => `caucus:title:${documentId}`;
const META_PREFIX = "caucus:document:";
const metaKey = (documentId: string) => `${META_PREFIX}${documentId}`;

export interface TCachedDocument {
  title: string;
  role: TRole | null;
  workspaceId: string | null;
  /** Null when cached before kinds were kept. */
  kind: TDocumentKind | null;
}

const isKind = (value: unknown): value is TDocumentKind =>
  (DOCUMENT_KINDS as readonly unknown[]).includes(value);

export function loadCachedDocument(documentId: string): TCachedDocument | null {
  try {
    const raw = localStorage.getItem(metaKey(documentId));
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<TCachedDocument>;
      if (typeof parsed.title === "string") {
        return {
          title: parsed.title,
          role: isRole(parsed.role) ? parsed.role : null,
          workspaceId: typeof parsed.workspaceId === "string" ? parsed.workspaceId : null,
          kind: isKind(parsed.kind) ? parsed.kind : null,
        };
      }
    }
    // Saved before accounts: the title alone.
    const title = localStorage.getItem(key(documentId));
    return title === null ? null : { title, role: null, workspaceId: null, kind: null };
  } catch {
    return null;
  }
}

export function saveCachedDocument(document: TDocument): void {
  const cached: TCachedDocument = {
    title: document.title,
    role: document.role,
    workspaceId: document.workspaceId,
    kind: document.kind,
  };
  try {
    localStorage.setItem(metaKey(document.id), JSON.stringify(cached));
    localStorage.removeItem(key(document.id));
  } catch {
    // Only the offline title and role are lost; the server still has them.
  }
}

/** A document this device keeps (its text is in IndexedDB), as last known. */
export interface TKeptDocument extends TCachedDocument {
  id: string;
}

/**
 * The documents of `workspaceId` this device has opened, so keeps a copy of:
 * what the list shows when the server cannot be reached. By title.
 */
export function listKeptDocuments(workspaceId: string): TKeptDocument[] {
  const kept: TKeptDocument[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      if (!name?.startsWith(META_PREFIX)) continue;
      const id = name.slice(META_PREFIX.length);
      const document = loadCachedDocument(id);
      if (document?.workspaceId === workspaceId) kept.push({ id, ...document });
    }
  } catch {
    // Storage disabled: nothing is kept on this device.
  }
  return kept.sort((a, b) => a.title.localeCompare(b.title));
}
