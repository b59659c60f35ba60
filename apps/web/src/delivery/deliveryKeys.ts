/** What a key press does in the delivery view. */
export type TDeliveryAction =
  | { kind: "scroll"; by: "page" | "line"; direction: 1 | -1 }
  | { kind: "toggleTimer" }
  | { kind: "fontSize"; direction: 1 | -1 }
  | { kind: "leave" };

/** The parts of a KeyboardEvent that decide; a plain object in tests. */
export interface TKey {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * Keys a speaker (or a presenter's clicker, which sends PageDown/PageUp)
 * uses: Space/PageDown/arrows scroll, T starts or pauses the timer, + and -
 * change the type size, Esc leaves. Shortcuts with Ctrl, Cmd or Alt stay
 * the browser's (Ctrl+plus zooms, Cmd+T opens a tab).
 */
export function deliveryKeyAction(event: TKey): TDeliveryAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case " ":
    case "Spacebar":
      return { kind: "scroll", by: "page", direction: event.shiftKey ? -1 : 1 };
    case "PageDown":
      return { kind: "scroll", by: "page", direction: 1 };
    case "PageUp":
      return { kind: "scroll", by: "page", direction: -1 };
    case "ArrowDown":
      return { kind: "scroll", by: "line", direction: 1 };
    case "ArrowUp":
      return { kind: "scroll", by: "line", direction: -1 };
    case "t":
    case "T":
      return { kind: "toggleTimer" };
    case "+":
    case "=":
      return { kind: "fontSize", direction: 1 };
    case "-":
    case "_":
      return { kind: "fontSize", direction: -1 };
    case "Escape":
      return { kind: "leave" };
    default:
      return null;
  }
}

/** How far a page step scrolls: most of the text area, keeping a couple of lines for context. */
export function pageStep(textAreaHeight: number, lineHeightPx: number): number {
  return Math.max(lineHeightPx, textAreaHeight - 2 * lineHeightPx);
}

/**
 * The shortcut that opens the delivery view from the document page:
 * Ctrl+Shift+Enter (Cmd+Shift+Enter on a Mac), free in the editor and in browsers.
 */
export function opensDeliveryView(event: TKey & { key: string }): boolean {
  return event.key === "Enter" && event.shiftKey && (event.ctrlKey || event.metaKey) && !event.altKey;
}
