import { useEffect, useState } from "react";

/** "unsupported": the browser has no Wake Lock API; "refused": it said no (battery saver, policy). */
export type TWakeLockState = "pending" | "active" | "unsupported" | "refused";

/**
 * Keeps the screen on while the component is mounted, so a phone at the
 * lectern does not dim mid-sentence. The browser drops the lock whenever
 * the tab is hidden; it is asked again each time the tab comes back.
 */
export function useWakeLock(): TWakeLockState {
  const [state, setState] = useState<TWakeLockState>(() =>
    typeof navigator !== "undefined" && "wakeLock" in navigator ? "pending" : "unsupported",
  );

  useEffect(() => {
    if (!("wakeLock" in navigator)) return;
    let sentinel: WakeLockSentinel | null = null;
    let closed = false;
    const acquire = async () => {
      if (document.visibilityState !== "visible" || (sentinel && !sentinel.released)) return;
      try {
        const next = await navigator.wakeLock.request("screen");
        if (closed) {
          void next.release();
          return;
        }
        sentinel = next;
        setState("active");
        next.addEventListener("release", () => {
          if (!closed) setState("pending");
        });
      } catch {
        if (!closed) setState("refused");
      }
    };
    const onVisibility = () => void acquire();
    void acquire();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      closed = true;
      document.removeEventListener("visibilitychange", onVisibility);
      void sentinel?.release();
    };
  }, []);

  return state;
}
