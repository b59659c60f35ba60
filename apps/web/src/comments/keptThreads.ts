import type { TCommentThread } from "@caucus/shared";

/**
 * A document's comment threads as this device last saw them live, so that
 * offline (a page loaded without the network) they can still be read. In
 * localStorage, like the document's title and role; a document whose
 * threads would take more than `MAX_KEPT_CHARS` keeps none rather than
 * crowd out the edits waiting to be sent.
 */
const KEY_PREFIX = "caucus:comments:";
export const MAX_KEPT_CHARS = 300_000;

const key = (documentId: string) => `${KEY_PREFIX}${documentId}`;

export function readKeptThreads(documentId: string): TCommentThread[] | null {
  try {
    const raw = localStorage.getItem(key(documentId));
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    // Written by an older version, or changed by hand: a thread the panel could not render is no copy at all.
    return Array.isArray(parsed) && parsed.every(isThreadLike) ? (parsed as TCommentThread[]) : null;
  } catch {
    return null;
  }
}

function isThreadLike(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const thread = value as Partial<Record<keyof TCommentThread, unknown>>;
  return (
    typeof thread.id === "string" &&
    (thread.status === "open" || thread.status === "resolved") &&
    Array.isArray(thread.comments) &&
    typeof thread.anchor === "object" &&
    thread.anchor !== null
  );
}

export function keepThreads(documentId: string, threads: readonly TCommentThread[]): void {
  try {
    const json = JSON.stringify(threads);
    if (json.length > MAX_KEPT_CHARS) localStorage.removeItem(key(documentId));
    else localStorage.setItem(key(documentId), json);
  } catch {
    // Storage full or refused (a private window): the threads are simply not kept.
  }
}
