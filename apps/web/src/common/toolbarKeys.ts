/**
 * Keyboard use of a `role="toolbar"` as WAI-ARIA describes it: the toolbar
 * is one stop for Tab, and the arrow keys (mirrored right to left), Home and
 * End move between its enabled controls. Up and Down are left to a
 * control that uses them (a select).
 */
const CONTROLS = "button:not(:disabled), select:not(:disabled), input:not(:disabled)";

function controlsOf(toolbar: HTMLElement): HTMLElement[] {
  return [...toolbar.querySelectorAll<HTMLElement>(CONTROLS)];
}

/** Gives the tab stop to `current` (or the first control): every other control is reached with arrows. */
export function rovingTabStop(toolbar: HTMLElement, current?: Element | null): void {
  const controls = controlsOf(toolbar);
  const active = controls.find((control) => control === current) ?? controls[0];
  for (const control of controls) control.tabIndex = control === active ? 0 : -1;
}

/** Handles a key pressed inside the toolbar; true when it moved the focus. */
export function moveInToolbar(
  toolbar: HTMLElement,
  event: { key: string; target: EventTarget | null },
): boolean {
  const controls = controlsOf(toolbar);
  if (controls.length === 0) return false;
  const at = controls.indexOf(event.target as HTMLElement);
  const rtl = getComputedStyle(toolbar).direction === "rtl";
  const forward = rtl ? "ArrowLeft" : "ArrowRight";
  const back = rtl ? "ArrowRight" : "ArrowLeft";
  let next: number;
  if (event.key === forward) next = at < 0 ? 0 : (at + 1) % controls.length;
  else if (event.key === back)
    next = at < 0 ? controls.length - 1 : (at - 1 + controls.length) % controls.length;
  else if (event.key === "Home") next = 0;
  else if (event.key === "End") next = controls.length - 1;
  else return false;
  const target = controls[next] as HTMLElement;
  rovingTabStop(toolbar, target);
  target.focus();
  return true;
}
