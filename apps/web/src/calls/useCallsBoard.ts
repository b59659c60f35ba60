import type { TCall } from "@caucus/shared";
import { useCallback, useEffect, useState } from "react";
import { boardStreamPath } from "../api/calls";
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

/** Waits before reopening a stream the browser gave up on (an error answer rather than a dropped connection). */
const REOPEN_AFTER_MS = [3_000, 10_000, 30_000, 60_000] as const;

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
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;

    const onSnapshot = (event: MessageEvent<string>) => {
      const calls = parseBoardSnapshot(event.data);
      if (!calls) return;
      failures = 0;
      setState({ status: "live", calls });
    };
    const onChange = (event: MessageEvent<string>) => {
      const change = parseBoardChange(event.data);
      if (!change) return;
      setState((prev) => {
        const calls = applyBoardChange(prev.calls, change);
        return calls === prev.calls ? prev : { ...prev, calls };
      });
    };
    const onError = () => {
      const closed = source?.readyState === EventSource.CLOSED;
      setState((prev) => ({
        ...prev,
        status: closed ? "unavailable" : prev.status === "loading" ? "loading" : "stale",
      }));
      if (closed) {
        close();
        const delay = REOPEN_AFTER_MS[Math.min(failures, REOPEN_AFTER_MS.length - 1)];
        failures += 1;
        reopenTimer = setTimeout(open, delay);
      }
    };
    function open(): void {
      if (source) return;
      clearTimeout(reopenTimer);
      source = new EventSource(boardStreamPath(workspaceId));
      source.addEventListener("snapshot", onSnapshot);
      source.addEventListener("change", onChange);
      source.addEventListener("error", onError);
    }
    function close(): void {
      clearTimeout(reopenTimer);
      if (!source) return;
      source.removeEventListener("snapshot", onSnapshot);
      source.removeEventListener("change", onChange);
      source.removeEventListener("error", onError);
      source.close();
      source = null;
    }
    open();
    return close;
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
