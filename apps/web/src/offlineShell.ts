/**
 * Registers the offline app shell (serviceWorker/sw.js, built into dist/sw.js)
 * in production builds. In development Vite serves unhashed modules that
 * must never be cached.
 */
export function registerOfflineShell(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    // The worker caches every file of the build when it installs; the page has nothing to tell it.
    navigator.serviceWorker.register("/sw.js").catch(() => {
      // Without the shell the app still works online; offline reloads just will not load.
    });
  });
}
