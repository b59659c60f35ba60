import type { TCommentChange, TCommentThread } from "@caucus/shared";

/**
 * A document's threads after one change from the stream. Changes may come
 * twice or after this tab applied its own answer: each replaces the thread
 * by id, so applying it again changes nothing. Returns `threads` itself
 * when nothing changed, so React skips the render.
 */
export function applyCommentChange(
  threads: readonly TCommentThread[],
  change: TCommentChange,
): readonly TCommentThread[] {
  if (change.type === "removed") {
    return threads.some((thread) => thread.id === change.threadId)
      ? threads.filter((thread) => thread.id !== change.threadId)
      : threads;
  }
  const at = threads.findIndex((thread) => thread.id === change.thread.id);
  if (at === -1) return [...threads, change.thread];
  const next = [...threads];
  next[at] = change.thread;
  return next;
}

/** A change event, or null when it is not one this version knows. */
export function parseCommentChange(data: string): TCommentChange | null {
  try {
    const parsed = JSON.parse(data) as { type?: unknown };
    return parsed.type === "thread" || parsed.type === "removed" ? (parsed as TCommentChange) : null;
  } catch {
    return null;
  }
}

/**
 * Threads in the order their text comes in the document (`positions`: each
 * thread's current start); threads whose text is gone come last, oldest first.
 */
export function inDocumentOrder(
  threads: readonly TCommentThread[],
  positions: ReadonlyMap<string, number>,
): TCommentThread[] {
  const at = (thread: TCommentThread) => positions.get(thread.id) ?? Number.POSITIVE_INFINITY;
  return [...threads].sort(
    (a, b) => at(a) - at(b) || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0),
  );
}

/** Whether any comment of the thread mentions `userId`. */
export function mentions(thread: TCommentThread, userId: string | null): boolean {
  return userId !== null && thread.comments.some((c) => c.mentions.some((m) => m.id === userId));
}
