/**
 * Registers the offline app shell (serviceWorker/sw.js, built into dist/sw.js)
 * in production builds. In development Vite serves unhashed modules that
 * must never be cached.
 *
 * The worker downloads the whole build when it installs, but of the six
 * language catalogues it keeps only the one of the language the page uses
 * (`keepLanguage`). On a document's address it waits until the
 * document is open (`documentOpened`), so on a slow first load the editor
 * does not share the link with files the page does not need yet; elsewhere
 * it installs once the page has loaded.
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

/** The UI language, once the page has its catalogue. */
let language: string | undefined;

/** Tells the active worker which language the page uses (serviceWorker/sw.js, "keep-language"). */
function tellLanguage(): void {
  void navigator.serviceWorker.ready.then((registration) =>
    registration.active?.postMessage({ type: "keep-language", language }),
  );
}

/**
 * The page uses this language and has its catalogue: the worker keeps that
 * catalogue, usually from the HTTP cache, so that the app starts in it with
 * no network. Called on each start and on each change of language; on a
 * first visit the page fetched its catalogue before the worker existed.
 */
export function keepLanguage(next: string): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const first = language === undefined;
  language = next;
  // Once a worker is active (at once on a later visit); and again whenever a new one takes over,
  // in case its build's cache has not heard of the language yet (an update from an older worker).
  tellLanguage();
  if (first) navigator.serviceWorker.addEventListener("controllerchange", tellLanguage);
}

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
