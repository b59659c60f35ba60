/*
 * Offline app shell. IndexedDB keeps each document's text; this keeps the
 * code that opens it, so a reload with no network still shows the last
 * state and accepts edits. Never touches /api or /sync: those must be live.
 *
 * A template: the build (serviceWorker/plugin.ts) writes dist/sw.js with the
 * values below filled in. A build whose files differ gets a different sw.js,
 * and a changed sw.js is what makes a browser install the new worker.
 */
const VERSION = __VERSION__;
/** Every file of the build, lazily loaded editor code and fonts included. */
const PRECACHE = __PRECACHE__;
/** The files the app cannot start without: index.html and what it loads at once. */
const STARTUP = __STARTUP__;
/** The app's HTML, answered for every page address when the network is down. */
const SHELL = __SHELL__;

const CACHE_PREFIX = "caucus-shell-";
const CACHE = CACHE_PREFIX + VERSION;
const PRECACHED = new Set(PRECACHE);
const LIVE = /^\/(api|sync)(\/|$)/;

/**
 * Stores files in this build's cache, all or none. Hashed assets may come from
 * the HTTP cache (the page often just fetched them); index.html has no hash,
 * so an older build's copy there must not be taken.
 */
function store(urls) {
  const requests = urls.map((url) => new Request(url, { cache: url === SHELL ? "no-cache" : "default" }));
  return caches.open(CACHE).then((cache) => cache.addAll(requests));
}

let completing = null;

/** Stores whatever of the build is not cached yet; one run at a time, and the next call retries a failure. */
function complete() {
  completing ??= caches
    .open(CACHE)
    .then((cache) => Promise.all(PRECACHE.map((url) => cache.match(url).then((hit) => (hit ? [] : [url])))))
    .then((missing) => store(missing.flat()))
    .catch((error) => {
      completing = null;
      throw error;
    });
  return completing;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => {
        // An update waits for every file: until then the earlier build keeps serving, complete. A failed
        // download fails the install, and the browser tries again on a later visit.
        if (keys.some((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE)) return complete();
        // A first visit has nothing to fall back to: take over as soon as the app can start offline, and
        // store the rest straight after (and on each later request, should the worker stop halfway).
        return store(STARTUP).then(() => {
          complete().catch(() => undefined);
        });
      })
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  // Earlier builds' caches: nothing this worker serves refers to their files.
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

/** Built font files, cached when first used rather than up front. */
const FONT = /\/assets\/[^/]+\.woff2?$/;

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || LIVE.test(url.pathname)) return;

  if (request.mode === "navigate") {
    // Keeps the worker alive until the build is stored; at once when it already is.
    event.waitUntil(complete().catch(() => undefined));
    // Network first, so a deploy shows at once. Offline, this build's shell, whose assets share its cache.
    event.respondWith(
      fetch(request).catch(() =>
        caches.match(SHELL, { cacheName: CACHE }).then((cached) => cached || Response.error()),
      ),
    );
    return;
  }

  if (PRECACHED.has(url.pathname)) {
    event.waitUntil(complete().catch(() => undefined));
    // Built files have content-hashed names: a cached copy is the right one.
    event.respondWith(caches.match(request, { cacheName: CACHE }).then((cached) => cached || fetch(request)));
    return;
  }

  if (FONT.test(url.pathname)) {
    // Fonts are not precached (dozens of scripts and weights, most never
    // used: metered data). The ones a page actually asks for are kept.
    event.respondWith(
      caches.match(request, { cacheName: CACHE }).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
            }
            return response;
          }),
      ),
    );
  }
});
