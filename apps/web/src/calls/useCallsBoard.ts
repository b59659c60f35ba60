import type { TCall } from "@caucus/shared";
import { useCallback, useEffect, useState } from "react";
import { boardStreamPath } from "../api/calls";
import { followEventStream } from "../api/eventStream";
import { applyBoardChange, parseBoardChange, parseBoardSnapshot, upsertCall } from "./board";

/**
 * "loading" until the first snapshot; "live" while the stream flows;
 * "stale" while it reconnects (the calls shown are the last known);
 * "unavailable" when the server refused the stream (retried later).
 */
export type TBoardState = {
  status: "loading" | "live" | "stale" | "unavailable";
  calls: readonly TCall[];
};

/**
 * A workspace's calls board, live: a Server-Sent Events stream that starts
 * with the whole board and then carries each call created, changed or
 * deleted and each linked draft's new speaking time. The browser reconnects
 * by itself after a drop, and each reconnect starts with a fresh snapshot.
 * `apply` puts this tab's own writes on the board before their echo comes.
 */
export function useCallsBoard(workspaceId: string): TBoardState & {
  apply: (call: TCall) => void;
  remove: (callId: string) => void;
  retry: () => void;
} {
  const [state, setState] = useState<TBoardState>({ status: "loading", calls: [] });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt reopens the stream on "retry".
  useEffect(() => {
    const stream = followEventStream(boardStreamPath(workspaceId), {
      onSnapshot(data) {
        const calls = parseBoardSnapshot(data);
        if (calls) setState({ status: "live", calls });
      },
      onChange(data) {
        const change = parseBoardChange(data);
        if (!change) return;
        setState((prev) => {
          const calls = applyBoardChange(prev.calls, change);
          return calls === prev.calls ? prev : { ...prev, calls };
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
  }, [workspaceId, attempt]);

  const apply = useCallback((call: TCall) => {
    setState((prev) => ({ ...prev, calls: upsertCall(prev.calls, call) }));
  }, []);
  const remove = useCallback((callId: string) => {
    setState((prev) => ({ ...prev, calls: applyBoardChange(prev.calls, { type: "deleted", callId }) }));
  }, []);
  const retry = useCallback(() => {
    setState((prev) => ({ ...prev, status: "loading" }));
    setAttempt((n) => n + 1);
  }, []);
  return { ...state, apply, remove, retry };
}
