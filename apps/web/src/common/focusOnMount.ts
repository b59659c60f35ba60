/**
 * A ref that focuses its element once, when it is mounted. `autoFocus` only
 * works on a page's first load in a browser (and Preact leaves it to the
 * browser); a field that appears because the person asked for it (Reply,
 * the second sign-in step) is focused by this instead.
 */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
