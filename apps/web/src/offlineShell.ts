/**
 * Registers the offline app shell (public/sw.js) in production builds. In
 * development Vite serves unhashed modules that must never be cached.
 */
export function registerOfflineShell(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker
      .register("/sw.js")
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        // Assets fetched before the worker took control are not cached yet.
        const urls = performance.getEntriesByType("resource").map((entry) => entry.name);
        registration.active?.postMessage({ type: "cache-assets", urls });
      })
      .catch(() => {
        // Without the shell the app still works online; offline reloads just will not load.
      });
  });
}
