import { useSyncExternalStore } from "react";

/** styles.css's phone layout: the widths its `@media (max-width: 480px)` rules apply to. */
export const PHONE_WIDTH = "(max-width: 480px)";

/** Whether `query` matches, re-rendering when that changes (a window resized, a phone turned). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
  );
}
