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
/** Every file of the build, lazily loaded editor code included, but the fonts and the catalogues. */
const PRECACHE = __PRECACHE__;
/** The files the app cannot start without: index.html and what it loads at once. */
const STARTUP = __STARTUP__;
/** The app's HTML, answered for every page address when the network is down. */
const SHELL = __SHELL__;
/**
 * Each UI language's catalogue, by language: `{ "es": "/assets/es-….js" }`.
 * Not precached: a person reads one of the six, and the other five are some
 * 50 KB of metered data for nothing. The worker keeps the pages' language.
 */
const CATALOGUES = __CATALOGUES__;

const CACHE_PREFIX = "caucus-shell-";
const CACHE = CACHE_PREFIX + VERSION;
const PRECACHED = new Set(PRECACHE);
const CATALOGUE_OF = new Map(Object.entries(CATALOGUES));
const CATALOGUE_FILES = new Set(CATALOGUE_OF.values());
const LIVE = /^\/(api|sync)(\/|$)/;
/**
 * Where a build's cache notes the language its pages last said they use
 * ("keep-language"), so that the next build's worker keeps that catalogue
 * too, even when no page is open while it installs. Never served.
 */
const LANGUAGE_NOTE = new URL("caucus-language", self.location).href;

/**
 * Stores files in this build's cache, all or none. Hashed assets may come from
 * the HTTP cache (the page often just fetched them); index.html has no hash,
 * so an older build's copy there must not be taken.
 */
function store(urls) {
  const requests = urls.map((url) => new Request(url, { cache: url === SHELL ? "no-cache" : "default" }));
  return caches.open(CACHE).then((cache) => cache.addAll(requests));
}

/** The language noted in a cache, if any. */
function notedLanguage(cache) {
  return cache.match(LANGUAGE_NOTE).then((note) => note?.text());
}

let completing = null;

/**
 * Stores whatever of the build is not cached yet, and the catalogue of the
 * noted language; one run at a time, and the next call retries a failure.
 */
function complete() {
  completing ??= caches
    .open(CACHE)
    .then((cache) =>
      notedLanguage(cache).then((language) =>
        Promise.all(
          [...PRECACHE, CATALOGUE_OF.get(language)]
            .filter(Boolean)
            .map((url) => cache.match(url).then((hit) => (hit ? [] : [url]))),
        ),
      ),
    )
    .then((missing) => store(missing.flat()))
    .catch((error) => {
      completing = null;
      throw error;
    });
  return completing;
}

/** Notes in this build's cache the language that an earlier build's pages used last. */
function inheritLanguage(olderCaches) {
  return Promise.all(olderCaches.map((name) => caches.open(name).then(notedLanguage))).then((languages) => {
    const language = languages.filter(Boolean).pop();
    return language && caches.open(CACHE).then((cache) => cache.put(LANGUAGE_NOTE, new Response(language)));
  });
}

let keeping = Promise.resolve();

/**
 * Notes the pages' language in this build's cache and stores its catalogue
 * if missing: usually from the HTTP cache, as the page has just fetched it.
 * One message at a time, so the last language said is the one noted.
 */
function keepLanguage(language) {
  const url = CATALOGUE_OF.get(language);
  keeping = keeping
    .then(() => caches.open(CACHE))
    .then((cache) => cache.put(LANGUAGE_NOTE, new Response(language)).then(() => cache.match(url)))
    .then((hit) => hit || store([url]))
    // Offline, say: the page says it again on its next start, and a navigation's complete() retries.
    .catch(() => undefined);
  return keeping;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => {
        // An update waits for every file, the catalogue of the language in use included: until then the
        // earlier build keeps serving, complete. A failed download fails the install, and the browser
        // tries again on a later visit.
        const older = keys.filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE);
        if (older.length > 0) return inheritLanguage(older).then(() => complete());
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

/**
 * The page says which language it uses: on each start, once a worker is
 * active, when a new worker takes over, and when the person changes it
 * (apps/web/src/offlineShell.ts). Offline, the app must start in that
 * language, and its first fetch of the catalogue came before this worker.
 */
self.addEventListener("message", (event) => {
  const { type, language } = event.data ?? {};
  if (type !== "keep-language" || !CATALOGUE_OF.has(language)) return;
  event.waitUntil(keepLanguage(language));
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

  if (FONT.test(url.pathname) || CATALOGUE_FILES.has(url.pathname)) {
    // Neither fonts nor catalogues are precached (dozens of scripts and
    // weights, six languages; most never used: metered data). The ones a
    // page actually asks for are kept.
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
