/**
 * Registers the offline app shell (serviceWorker/sw.js, built into dist/sw.js)
 * in production builds. In development Vite serves unhashed modules that
 * must never be cached.
 *
 * The worker downloads the whole build when it installs. On a document's
 * address it waits until the document is open (`documentOpened`), so on a
 * slow first load the editor does not share the link with files the page
 * does not need yet; elsewhere it installs once the page has loaded.
 */
let opened: (() => void) | undefined;
const documentOpen = new Promise<void>((resolve) => {
  opened = resolve;
});

/** The document page shows its text: the worker may now fetch the rest of the build. */
export function documentOpened(): void {
  opened?.();
}

/** A document that never opens (no access, no network) still gets its shell after this long. */
const DOCUMENT_OPEN_TIMEOUT_MS = 60_000;

export function registerOfflineShell(onDocumentPage: boolean): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    const ready = onDocumentPage
      ? Promise.race([documentOpen, new Promise((resolve) => setTimeout(resolve, DOCUMENT_OPEN_TIMEOUT_MS))])
      : Promise.resolve();
    void ready.then(() =>
      navigator.serviceWorker.register("/sw.js").catch(() => {
        // Without the shell the app still works online; offline reloads just will not load.
      }),
    );
  });
}
