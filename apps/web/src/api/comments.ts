import type { TCommentThread, TCommentThreadStatus, TCreateCommentThread } from "@caucus/shared";
import { api, apiPath, read, segment } from "./client";

const threads = api.documents[":id"].threads;
const thread = threads[":threadId"];
const comment = thread.comments[":commentId"];

/** Opens a thread on a range of the text with its first comment. */
export async function createThread(documentId: string, input: TCreateCommentThread): Promise<TCommentThread> {
  return (await read(threads.$post({ param: { id: segment(documentId) }, json: input }))).thread;
}

export async function replyToThread(
  documentId: string,
  threadId: string,
  body: string,
): Promise<TCommentThread> {
  const param = { id: segment(documentId), threadId: segment(threadId) };
  return (await read(thread.comments.$post({ param, json: { body } }))).thread;
}

export async function setThreadStatus(
  documentId: string,
  threadId: string,
  status: TCommentThreadStatus,
): Promise<TCommentThread> {
  const param = { id: segment(documentId), threadId: segment(threadId) };
  return (await read(thread.$patch({ param, json: { status } }))).thread;
}

export async function editComment(
  documentId: string,
  threadId: string,
  commentId: string,
  body: string,
): Promise<TCommentThread> {
  const param = { id: segment(documentId), threadId: segment(threadId), commentId: segment(commentId) };
  return (await read(comment.$patch({ param, json: { body } }))).thread;
}

/** Null when it was the thread's last comment: the thread is gone too. */
export async function deleteComment(
  documentId: string,
  threadId: string,
  commentId: string,
): Promise<TCommentThread | null> {
  const param = { id: segment(documentId), threadId: segment(threadId), commentId: segment(commentId) };
  return (await read(comment.$delete({ param }))).thread;
}

/** The Server-Sent Events stream of a document's threads: `snapshot`, then `change` events. */
export function threadsStreamPath(documentId: string): string {
  return apiPath(threads.stream.$path({ param: { id: segment(documentId) } }));
}
