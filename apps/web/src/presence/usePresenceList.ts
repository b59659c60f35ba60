import { useEffect, useState } from "react";
import { presenceStreamPath } from "../api/presence";
import {
  applyPresenceChange,
  EMPTY_PRESENCE,
  parseChange,
  parseSnapshot,
  presenceFromSnapshot,
  type TPresenceMap,
} from "./presenceMap";

/**
 * "connecting" until the first snapshot; "live" while the stream flows;
 * "stale" while it reconnects (the entries are the last known);
 * "unavailable" when the server refused the stream (we retry later).
 */
export type TPresenceListState = {
  status: "connecting" | "live" | "stale" | "unavailable";
  entries: TPresenceMap;
};

/** Waits before reopening a stream the browser gave up on (an error answer rather than a dropped connection). */
const REOPEN_AFTER_MS = [5_000, 15_000, 30_000, 60_000] as const;

/**
 * Who is online in a workspace, live: a Server-Sent Events stream, which the
 * browser reconnects by itself after a drop (each reconnect starts with a
 * fresh snapshot). Open only while the tab is visible: a hidden tab shows
 * nobody anything, saves mobile data, and leaves room in the browser's six
 * connections per server over HTTP/1.1 for the tabs in use.
 */
export function usePresenceList(workspaceId: string | null): TPresenceListState {
  const [state, setState] = useState<TPresenceListState>({ status: "connecting", entries: EMPTY_PRESENCE });

  useEffect(() => {
    if (!workspaceId) return;
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;

    const onSnapshot = (event: MessageEvent<string>) => {
      const entries = parseSnapshot(event.data);
      if (!entries) return;
      failures = 0;
      setState({ status: "live", entries: presenceFromSnapshot(entries) });
    };
    const onChange = (event: MessageEvent<string>) => {
      const change = parseChange(event.data);
      if (!change || change.workspaceId !== workspaceId) return;
      setState((prev) => {
        const entries = applyPresenceChange(prev.entries, change);
        return entries === prev.entries ? prev : { ...prev, entries };
      });
    };
    const onError = () => {
      const closed = source?.readyState === EventSource.CLOSED;
      setState((prev) => ({
        status: closed ? "unavailable" : prev.status === "connecting" ? "connecting" : "stale",
        entries: closed ? EMPTY_PRESENCE : prev.entries,
      }));
      if (closed) {
        close();
        const delay = REOPEN_AFTER_MS[Math.min(failures, REOPEN_AFTER_MS.length - 1)];
        failures += 1;
        reopenTimer = setTimeout(open, delay);
      }
    };

    function open(): void {
      if (source || document.visibilityState === "hidden") return;
      clearTimeout(reopenTimer);
      source = new EventSource(presenceStreamPath(workspaceId as string));
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
    const onVisibility = () => {
      if (document.visibilityState === "hidden") {
        close();
        setState((prev) => (prev.status === "live" ? { ...prev, status: "stale" } : prev));
      } else {
        open();
      }
    };

    setState({ status: "connecting", entries: EMPTY_PRESENCE });
    open();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      close();
    };
  }, [workspaceId]);

  return state;
}
