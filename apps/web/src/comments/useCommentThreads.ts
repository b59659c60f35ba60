import type { TCommentChange, TCommentThread } from "@caucus/shared";
import { useCallback, useEffect, useMemo } from "react";
import { threadsStreamPath } from "../api/comments";
import {
  parseListSnapshot,
  type TLiveListStatus,
  type TLiveListStream,
  useLiveList,
} from "../api/useLiveList";
import { keepThreads, readKeptThreads } from "./keptThreads";
import { applyCommentChange, parseCommentChange } from "./threads";

const THREADS_STREAM: TLiveListStream<TCommentThread, TCommentChange> = {
  parseSnapshot: parseListSnapshot,
  parseChange: parseCommentChange,
  applyChange: applyCommentChange,
};

/**
 * "kept": no live list yet (offline, or still loading), so the threads this
 * device last saw are shown, to read only.
 */
export type TThreadsStatus = TLiveListStatus | "kept";

/**
 * A document's comment threads, live: the stream starts with every thread
 * and then carries each one as it changes. `apply` puts this tab's own
 * changes in before their echo comes. What the stream shows is kept on the
 * device (`keptThreads.ts`) and shown, read-only, until it answers again.
 */
export function useCommentThreads(documentId: string): {
  status: TThreadsStatus;
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
  const kept = useMemo(() => readKeptThreads(documentId), [documentId]);
  useEffect(() => {
    if (status === "live") keepThreads(documentId, threads);
  }, [documentId, status, threads]);
  if (status === "loading" && kept) return { status: "kept", threads: kept, apply, remove };
  return { status, threads, apply, remove };
}
