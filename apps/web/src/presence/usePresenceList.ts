import { useEffect, useState } from "react";
import { followEventStream } from "../api/eventStream";
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
    const stream = followEventStream(presenceStreamPath(workspaceId), {
      onSnapshot(data) {
        const entries = parseSnapshot(data);
        if (entries) setState({ status: "live", entries: presenceFromSnapshot(entries) });
      },
      onChange(data) {
        const change = parseChange(data);
        if (!change || change.workspaceId !== workspaceId) return;
        setState((prev) => {
          const entries = applyPresenceChange(prev.entries, change);
          return entries === prev.entries ? prev : { ...prev, entries };
        });
      },
      onLost(closed) {
        setState((prev) => ({
          status: closed ? "unavailable" : prev.status === "connecting" ? "connecting" : "stale",
          entries: closed ? EMPTY_PRESENCE : prev.entries,
        }));
      },
      canOpen: () => document.visibilityState !== "hidden",
    });
    const { open, close } = stream;
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
