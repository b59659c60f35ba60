import type { TCommentChange, TCommentThread } from "@caucus/shared";
import { useCallback } from "react";
import { threadsStreamPath } from "../api/comments";
import {
  parseListSnapshot,
  type TLiveListStatus,
  type TLiveListStream,
  useLiveList,
} from "../api/useLiveList";
import { applyCommentChange, parseCommentChange } from "./threads";

const THREADS_STREAM: TLiveListStream<TCommentThread, TCommentChange> = {
  parseSnapshot: parseListSnapshot,
  parseChange: parseCommentChange,
  applyChange: applyCommentChange,
};

/**
 * A document's comment threads, live: the stream starts with every thread
 * and then carries each one as it changes. `apply` puts this tab's own
 * changes in before their echo comes.
 */
export function useCommentThreads(documentId: string): {
  status: TLiveListStatus;
  threads: readonly TCommentThread[];
  apply: (thread: TCommentThread) => void;
  remove: (threadId: string) => void;
} {
  const { status, list: threads, update } = useLiveList(threadsStreamPath(documentId), THREADS_STREAM);

  const apply = useCallback(
    (thread: TCommentThread) => update((list) => applyCommentChange(list, { type: "thread", thread })),
    [update],
  );
  const remove = useCallback(
    (threadId: string) => update((list) => applyCommentChange(list, { type: "removed", threadId })),
    [update],
  );
  return { status, threads, apply, remove };
}
