import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { renderServiceWorker, type TServiceWorkerBuild } from "./plugin";

/*
 * sw.js run in Node against an in-memory Cache Storage and network: which
 * files the worker fetches and keeps, through install, messages, fetches and
 * an update. The browser test (tests/browser/offline.test.ts) shows the same
 * on a real build in Chromium; this one covers what it cannot cheaply, such
 * as a second build replacing the first.
 */

const TEMPLATE = readFileSync(new URL("./sw.js", import.meta.url), "utf8");
const ORIGIN = "https://caucus.test";

/** A build of two pages, two languages; `edition` changes every file's name, as a new build does. */
function build(edition: number): TServiceWorkerBuild {
  return {
    version: `build${edition}`,
    precache: [`/assets/index-${edition}.js`, `/assets/DocumentPage-${edition}.js`, "/index.html"],
    startup: [`/assets/index-${edition}.js`, "/index.html"],
    shell: "/index.html",
    catalogues: { ar: `/assets/ar-${edition}.js`, es: `/assets/es-${edition}.js` },
  };
}

const absolute = (input: Request | string) =>
  typeof input === "string" ? new URL(input, ORIGIN).href : input.url;

/** Relative URLs resolve against the worker's origin, as in a browser. */
class WorkerRequest extends Request {
  constructor(input: Request | string, init?: RequestInit) {
    super(absolute(input), init);
  }
}

class FakeCache {
  readonly entries = new Map<string, Response>();
  constructor(private readonly network: (request: Request | string) => Promise<Response>) {}
  async match(request: Request | string) {
    return this.entries.get(absolute(request))?.clone();
  }
  async put(request: Request | string, response: Response) {
    this.entries.set(absolute(request), response);
  }
  async addAll(requests: (Request | string)[]) {
    const responses = await Promise.all(requests.map((request) => this.network(request)));
    if (responses.some((response) => !response.ok)) throw new TypeError("a request failed");
    for (const [i, request] of requests.entries())
      this.entries.set(absolute(request), responses[i] as Response);
  }
  async keys() {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}

/** The browser around the workers: one Cache Storage, one network that logs the paths it is asked for. */
function browser() {
  const fetched: string[] = [];
  const network = async (request: Request | string) => {
    const path = new URL(absolute(request)).pathname;
    fetched.push(path);
    return new Response(`contents of ${path}`);
  };
  const stores = new Map<string, FakeCache>();
  const caches = {
    async open(name: string) {
      const cache = stores.get(name) ?? new FakeCache(network);
      stores.set(name, cache);
      return cache;
    },
    async keys() {
      return [...stores.keys()];
    },
    async delete(name: string) {
      return stores.delete(name);
    },
    async match(request: Request | string, options: { cacheName: string }) {
      return stores.get(options.cacheName)?.match(request);
    },
  };
  /** The paths a cache holds: its files and notes. */
  const held = (name: string) =>
    [...(stores.get(name)?.entries.keys() ?? [])].map((url) => new URL(url).pathname).sort();
  return { fetched, caches, network, held };
}

/** One build's worker in `world`, with a way to fire its events and wait for what they extend. */
function worker(world: ReturnType<typeof browser>, edition: number) {
  const listeners = new Map<string, (event: object) => void>();
  const self = {
    location: new URL("/sw.js", ORIGIN),
    addEventListener: (type: string, listener: (event: object) => void) => listeners.set(type, listener),
    skipWaiting: async () => undefined,
    clients: { claim: async () => undefined },
  };
  new Function(
    "self",
    "caches",
    "fetch",
    "Request",
    "Response",
    renderServiceWorker(TEMPLATE, build(edition)),
  )(self, world.caches, world.network, WorkerRequest, Response);
  const fire = async (type: string, fields: object = {}) => {
    const extended: Promise<unknown>[] = [];
    let answer: Promise<Response> | undefined;
    listeners.get(type)?.({
      ...fields,
      waitUntil: (promise: Promise<unknown>) => extended.push(promise),
      respondWith: (promise: Promise<Response>) => (answer = promise),
    });
    const response = await answer;
    // Extensions may be added while the answer comes (a fetched file put in the cache).
    for (let i = 0; i < extended.length; i++) await extended[i];
    return response;
  };
  return {
    cache: `caucus-shell-build${edition}`,
    fire,
    get: (path: string) => fire("fetch", { request: new WorkerRequest(path) }),
    say: (data: unknown) => fire("message", { data }),
  };
}

const isCatalogue = (path: string) => /^\/assets\/(ar|es)-/.test(path);

describe("the service worker and the language catalogues", () => {
  it("fetches none on a first visit, then keeps the language the page says it uses, once", async () => {
    const world = browser();
    const first = worker(world, 1);
    await first.fire("install");
    await first.fire("activate");
    // The rest of the build is stored in the background after the startup files.
    await vi.waitFor(() => expect(world.held(first.cache)).toContain("/assets/DocumentPage-1.js"));
    expect(world.fetched.filter(isCatalogue)).toEqual([]);

    await first.say({ type: "keep-language", language: "es" });
    await first.say({ type: "keep-language", language: "es" });
    // Neither a language the build lacks nor another message.
    await first.say({ type: "keep-language", language: "constructor" });
    await first.say({ type: "something-else", language: "ar" });
    expect(world.fetched.filter(isCatalogue)).toEqual(["/assets/es-1.js"]);
    expect(world.held(first.cache).filter(isCatalogue)).toEqual(["/assets/es-1.js"]);
  });

  it("keeps a catalogue a page fetches, and answers it from the cache after", async () => {
    const world = browser();
    const first = worker(world, 1);
    await first.fire("install");
    const fetched = await first.get("/assets/ar-1.js");
    expect(await fetched?.text()).toBe("contents of /assets/ar-1.js");
    expect(world.held(first.cache)).toContain("/assets/ar-1.js");

    await first.get("/assets/ar-1.js");
    expect(world.fetched.filter((path) => path === "/assets/ar-1.js")).toHaveLength(1);
  });

  it("keeps, on an update, the language the earlier build's pages used, though no page says it again", async () => {
    const world = browser();
    const first = worker(world, 1);
    await first.fire("install");
    await first.fire("activate");
    await first.say({ type: "keep-language", language: "ar" });
    await first.say({ type: "keep-language", language: "es" });

    const second = worker(world, 2);
    await second.fire("install");
    await second.fire("activate");
    // The earlier build's cache is gone; the new one has its own build of the last language said.
    expect(await world.caches.keys()).toEqual([second.cache]);
    expect(world.held(second.cache).filter(isCatalogue)).toEqual(["/assets/es-2.js"]);
    expect(world.fetched.filter((path) => path.endsWith("-2.js"))).toEqual([
      "/assets/index-2.js",
      "/assets/DocumentPage-2.js",
      "/assets/es-2.js",
    ]);
  });
});
