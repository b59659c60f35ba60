import { describe, expect, it } from "vitest";
import { deliveryKeyAction, opensDeliveryView, pageStep, type TKey } from "./deliveryKeys";

const key = (name: string, modifiers: Partial<TKey> = {}): TKey => ({
  key: name,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

describe("delivery view keys", () => {
  it("scroll by page and by line, both ways", () => {
    expect(deliveryKeyAction(key(" "))).toEqual({ kind: "scroll", by: "page", direction: 1 });
    expect(deliveryKeyAction(key(" ", { shiftKey: true }))).toEqual({
      kind: "scroll",
      by: "page",
      direction: -1,
    });
    expect(deliveryKeyAction(key("PageDown"))).toEqual({ kind: "scroll", by: "page", direction: 1 });
    expect(deliveryKeyAction(key("PageUp"))).toEqual({ kind: "scroll", by: "page", direction: -1 });
    expect(deliveryKeyAction(key("ArrowDown"))).toEqual({ kind: "scroll", by: "line", direction: 1 });
    expect(deliveryKeyAction(key("ArrowUp"))).toEqual({ kind: "scroll", by: "line", direction: -1 });
  });

  it("start the timer, change the size, leave", () => {
    expect(deliveryKeyAction(key("t"))).toEqual({ kind: "toggleTimer" });
    expect(deliveryKeyAction(key("T", { shiftKey: true }))).toEqual({ kind: "toggleTimer" });
    expect(deliveryKeyAction(key("+", { shiftKey: true }))).toEqual({ kind: "fontSize", direction: 1 });
    expect(deliveryKeyAction(key("="))).toEqual({ kind: "fontSize", direction: 1 });
    expect(deliveryKeyAction(key("-"))).toEqual({ kind: "fontSize", direction: -1 });
    expect(deliveryKeyAction(key("Escape"))).toEqual({ kind: "leave" });
  });

  it("leave the browser's own shortcuts alone", () => {
    expect(deliveryKeyAction(key("t", { metaKey: true }))).toBeNull();
    expect(deliveryKeyAction(key("+", { ctrlKey: true }))).toBeNull();
    expect(deliveryKeyAction(key("a"))).toBeNull();
  });

  it("open from the document page with Ctrl/Cmd+Shift+Enter only", () => {
    expect(opensDeliveryView(key("Enter", { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(opensDeliveryView(key("Enter", { metaKey: true, shiftKey: true }))).toBe(true);
    expect(opensDeliveryView(key("Enter", { ctrlKey: true }))).toBe(false);
    expect(opensDeliveryView(key("Enter", { shiftKey: true }))).toBe(false);
  });

  it("page by most of the screen, never less than a line", () => {
    expect(pageStep(600, 45)).toBe(510);
    expect(pageStep(60, 45)).toBe(45);
  });
});
