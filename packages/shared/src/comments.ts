/**
 * Comment threads in plain types (no zod, for the web bundle); the
 * validation schemas are in `schemas.ts`. A thread is anchored to a range
 * of a document's text by two encoded Yjs relative positions, so the range
 * follows the words it was made on while others edit around and inside it.
 */

export const COMMENT_THREAD_STATUSES = ["open", "resolved"] as const;
export type TCommentThreadStatus = (typeof COMMENT_THREAD_STATUSES)[number];

/** Longest comment, in characters. */
export const MAX_COMMENT_BODY = 5_000;
/** Threads one document keeps, resolved ones included: its list and stream stay bounded. */
export const MAX_THREADS_PER_DOCUMENT = 2_000;
/** Comments in one thread, the opening one included. */
export const MAX_COMMENTS_PER_THREAD = 200;
/** The quoted text kept with a thread (shown once its text is gone); longer selections are cut. */
export const MAX_COMMENT_QUOTE = 500;
/** An encoded relative position, as base64: a few dozen bytes in practice. */
export const MAX_ANCHOR_LENGTH = 200;

/**
 * A mention inside a comment's body is written `<@userId>`; the API lists
 * the people it names (`mentions`) so a reader shows their names.
 */
export const MENTION_PATTERN = /<@([A-Za-z0-9_-]{1,64})>/g;

/** The user ids a body mentions, each once, in order. */
export function mentionedIds(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION_PATTERN)].map((match) => match[1] as string))];
}

/** A person as a thread shows them; null once their account is gone. */
export interface TCommentPerson {
  id: string;
  name: string;
}

export interface TComment {
  id: string;
  /** Plain text; mentions as `<@userId>`. */
  body: string;
  author: TCommentPerson | null;
  /** The people the body mentions who can be named (others stay as written). */
  mentions: TCommentPerson[];
  createdAt: string;
  editedAt: string | null;
}

/** Where a thread is anchored: `Y.encodeRelativePosition` bytes, base64. */
export interface TCommentAnchor {
  start: string;
  end: string;
}

export interface TCommentThread {
  id: string;
  documentId: string;
  anchor: TCommentAnchor;
  /** The text selected when the thread was opened, shown when it is gone. */
  quote: string;
  status: TCommentThreadStatus;
  createdBy: TCommentPerson | null;
  createdAt: string;
  resolvedBy: TCommentPerson | null;
  resolvedAt: string | null;
  /** Oldest first; the first opened the thread. */
  comments: TComment[];
}

/**
 * What a document's comment stream (`GET /api/documents/:id/threads/stream`)
 * announces after its `snapshot`: the whole thread as it now stands, or its
 * removal. Hints delivered at least once, applied by id.
 */
export type TCommentChange =
  | { type: "thread"; thread: TCommentThread }
  | { type: "removed"; threadId: string };
