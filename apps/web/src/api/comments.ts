import type { TCommentThread, TCommentThreadStatus, TCreateCommentThread } from "@caucus/shared";
import { jsonInit, request, segment } from "./client";

const base = (documentId: string) => `/api/documents/${segment(documentId)}/threads`;
const thread = (documentId: string, threadId: string) => `${base(documentId)}/${segment(threadId)}`;

/** Opens a thread on a range of the text with its first comment. */
export async function createThread(documentId: string, input: TCreateCommentThread): Promise<TCommentThread> {
  return (await request<{ thread: TCommentThread }>(base(documentId), jsonInit("POST", input))).thread;
}

export async function replyToThread(
  documentId: string,
  threadId: string,
  body: string,
): Promise<TCommentThread> {
  const path = `${thread(documentId, threadId)}/comments`;
  return (await request<{ thread: TCommentThread }>(path, jsonInit("POST", { body }))).thread;
}

export async function setThreadStatus(
  documentId: string,
  threadId: string,
  status: TCommentThreadStatus,
): Promise<TCommentThread> {
  const path = thread(documentId, threadId);
  return (await request<{ thread: TCommentThread }>(path, jsonInit("PATCH", { status }))).thread;
}

export async function editComment(
  documentId: string,
  threadId: string,
  commentId: string,
  body: string,
): Promise<TCommentThread> {
  const path = `${thread(documentId, threadId)}/comments/${segment(commentId)}`;
  return (await request<{ thread: TCommentThread }>(path, jsonInit("PATCH", { body }))).thread;
}

/** Null when it was the thread's last comment: the thread is gone too. */
export async function deleteComment(
  documentId: string,
  threadId: string,
  commentId: string,
): Promise<TCommentThread | null> {
  const path = `${thread(documentId, threadId)}/comments/${segment(commentId)}`;
  return (await request<{ thread: TCommentThread | null }>(path, jsonInit("DELETE"))).thread;
}

/** The Server-Sent Events stream of a document's threads: `snapshot`, then `change` events. */
export function threadsStreamPath(documentId: string): string {
  return `${base(documentId)}/stream`;
}
