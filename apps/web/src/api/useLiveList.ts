import { useCallback, useEffect, useState } from "react";
import { followEventStream } from "./eventStream";

/**
 * "loading" until the first snapshot; "live" while the stream flows;
 * "stale" while it reconnects (the list shown is the last known);
 * "unavailable" when the server refused the stream (retried later).
 */
export type TLiveListStatus = "loading" | "live" | "stale" | "unavailable";

/** How to read one list stream: its snapshot, its changes, and how a change alters the list. */
export interface TLiveListStream<TEntry, TChange> {
  /** The snapshot event's list, or null when it is not one. */
  parseSnapshot(data: string): TEntry[] | null;
  /** A change event, or null when it is not one this version knows. */
  parseChange(data: string): TChange | null;
  /** The list after one change; returns `list` itself when nothing changed. */
  applyChange(list: readonly TEntry[], change: TChange): readonly TEntry[];
}

/** A snapshot event's list, or null when it is not a list (its entries are taken as the server sent them). */
export function parseListSnapshot<TEntry>(data: string): TEntry[] | null {
  try {
    const parsed: unknown = JSON.parse(data);
    return Array.isArray(parsed) ? (parsed as TEntry[]) : null;
  } catch {
    return null;
  }
}

/**
 * A list kept live by one of our Server-Sent Events streams (a snapshot,
 * then changes; see `followEventStream`). `stream` is read when the stream
 * opens, so pass a module-level constant: a new object each render would
 * reopen the stream each render. `update` puts this tab's own writes in
 * before their echo comes; `retry` reopens a stream the server refused.
 */
export function useLiveList<TEntry, TChange>(
  path: string,
  stream: TLiveListStream<TEntry, TChange>,
): {
  status: TLiveListStatus;
  list: readonly TEntry[];
  update: (change: (list: readonly TEntry[]) => readonly TEntry[]) => void;
  retry: () => void;
} {
  const [state, setState] = useState<{ status: TLiveListStatus; list: readonly TEntry[] }>({
    status: "loading",
    list: [],
  });
  const [attempt, setAttempt] = useState(0);

  const update = useCallback((change: (list: readonly TEntry[]) => readonly TEntry[]) => {
    setState((prev) => {
      const list = change(prev.list);
      return list === prev.list ? prev : { ...prev, list };
    });
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt reopens the stream on "retry".
  useEffect(() => {
    const events = followEventStream(path, {
      onSnapshot(data) {
        const list = stream.parseSnapshot(data);
        if (list) setState({ status: "live", list });
      },
      onChange(data) {
        const change = stream.parseChange(data);
        if (change) update((list) => stream.applyChange(list, change));
      },
      onLost(closed) {
        setState((prev) => ({
          ...prev,
          status: closed ? "unavailable" : prev.status === "loading" ? "loading" : "stale",
        }));
      },
    });
    events.open();
    return events.close;
  }, [path, stream, update, attempt]);

  const retry = useCallback(() => {
    setState((prev) => ({ ...prev, status: "loading" }));
    setAttempt((n) => n + 1);
  }, []);

  return { ...state, update, retry };
}
