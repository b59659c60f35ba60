import { type KeyboardEvent, type ReactNode, useEffect, useRef } from "react";

/**
 * A button opening a small panel of actions: a `<details>`, so it opens by
 * keyboard and touch without script state; Escape (focus back on the
 * button) and a press outside close it, and so does any action taken in it
 * (`children` gets `close`).
 */
export function DisclosureMenu({
  className,
  summary,
  label,
  testId,
  children,
}: {
  className: string;
  /** What the button shows. */
  summary: ReactNode;
  /** The button's accessible name, when what it shows is not enough. */
  label?: string;
  testId?: string;
  children: (close: () => void) => ReactNode;
}) {
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const details = menu.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLDetailsElement>) => {
    if (event.key === "Escape" && menu.current?.open) {
      menu.current.open = false;
      menu.current.querySelector("summary")?.focus();
    }
  };
  const close = () => {
    if (menu.current) menu.current.open = false;
  };
  return (
    <details className={`menu ${className}`} ref={menu} onKeyDown={onKeyDown}>
      <summary data-testid={testId} aria-label={label}>
        {summary}
      </summary>
      <div className="menu__panel">{children(close)}</div>
    </details>
  );
}
