import type { TCommentThread } from "@caucus/shared";
import { useCallback, useEffect, useState } from "react";
import { threadsStreamPath } from "../api/comments";
import { followEventStream } from "../api/eventStream";
import { applyCommentChange, parseCommentChange, parseThreadsSnapshot } from "./threads";

/**
 * "loading" until the first snapshot; "live" while the stream flows;
 * "stale" while it reconnects; "unavailable" when the server refused it.
 */
export type TThreadsState = {
  status: "loading" | "live" | "stale" | "unavailable";
  threads: readonly TCommentThread[];
};

/**
 * A document's comment threads, live: the stream starts with every thread
 * and then carries each one as it changes. `apply` puts this tab's own
 * changes in before their echo comes.
 */
export function useCommentThreads(documentId: string): TThreadsState & {
  apply: (thread: TCommentThread) => void;
  remove: (threadId: string) => void;
} {
  const [state, setState] = useState<TThreadsState>({ status: "loading", threads: [] });

  useEffect(() => {
    const stream = followEventStream(threadsStreamPath(documentId), {
      onSnapshot(data) {
        const threads = parseThreadsSnapshot(data);
        if (threads) setState({ status: "live", threads });
      },
      onChange(data) {
        const change = parseCommentChange(data);
        if (!change) return;
        setState((prev) => {
          const threads = applyCommentChange(prev.threads, change);
          return threads === prev.threads ? prev : { ...prev, threads };
        });
      },
      onLost(closed) {
        setState((prev) => ({
          ...prev,
          status: closed ? "unavailable" : prev.status === "loading" ? "loading" : "stale",
        }));
      },
    });
    stream.open();
    return stream.close;
  }, [documentId]);

  const apply = useCallback((thread: TCommentThread) => {
    setState((prev) => ({ ...prev, threads: applyCommentChange(prev.threads, { type: "thread", thread }) }));
  }, []);
  const remove = useCallback((threadId: string) => {
    setState((prev) => ({
      ...prev,
      threads: applyCommentChange(prev.threads, { type: "removed", threadId }),
    }));
  }, []);
  return { ...state, apply, remove };
}
