import { existsSync } from "node:fs";
import { join } from "node:path";
import { Limits } from "@caucus/shared";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { Registry } from "prom-client";
import { accountRoutes } from "./auth/accountRoutes.js";
import type { Auth } from "./auth/createAuth.js";
import { isAllowedOrigin, type OriginPolicy } from "./auth/origin.js";
import type { RateLimits } from "./auth/rateLimits.js";
import { authRoutes } from "./auth/routes.js";
import type { SignUpPolicy } from "./auth/SignUpPolicy.js";
import { readAccount, type TAppEnv } from "./auth/session.js";
import { callRoutes } from "./calls/routes.js";
import { commentRoutes } from "./comments/routes.js";
import type { TFeatureDeps } from "./compose.js";
import { documentRoutes } from "./documents/routes.js";
import { ApiError, BadHostError, BadOriginError, PayloadTooLargeError, RateLimitedError } from "./errors.js";
import { requestBodyLimit } from "./http/requestBodyLimit.js";
import { invitationRoutes } from "./invitations/routes.js";
import type { Logger } from "./logger.js";
import { healthRoutes } from "./observability/healthRoutes.js";
import { metricsRoutes } from "./observability/metricsRoutes.js";
import type { RedisStatus } from "./platform/redis/RedisConnection.js";
import { presenceRoutes } from "./presence/routes.js";
import type { SyncServer } from "./sync/SyncServer.js";
import { templateRoutes } from "./templates/routes.js";
import { versionRoutes } from "./versions/routes.js";
import { workspaceRoutes } from "./workspaces/routes.js";

export interface AppDeps {
  ctx: TFeatureDeps;
  auth: Auth;
  limits: RateLimits;
  origins: OriginPolicy;
  signUps: SignUpPolicy;
  sync: SyncServer;
  /** Undefined when REDIS_URL is unset. */
  redis?: RedisStatus | undefined;
  logger: Logger;
  version: string;
  /** Largest request body (`MAX_REQUEST_BYTES`); a template's may be larger. */
  maxRequestBytes?: number | undefined;
  /** Folder of the built web app, served with an SPA fallback. */
  webDist?: string | undefined;
  /** Prometheus metrics and the token that reads them; absent, no /metrics. */
  metrics?: { registry: Registry; token: string } | undefined;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a Host header names a host (and port) a URL can be built on. */
function isUsableHost(host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(`http://${host}`).host !== "";
  } catch {
    return false;
  }
}

/** A last path segment with an extension: a file, never one of the app's routes. */
const LOOKS_LIKE_A_FILE = /\/[^/]*\.[a-z0-9]+$/i;
/** The web app's address of a document's editing page, `/d/:id` (not its delivery view). */
const DOCUMENT_ADDRESS = /^\/d\/[^/]+\/?$/;

/** Long-lived caching for Vite's content-hashed assets only. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Headers only a document or a worker reads (its policy, framing, opener,
 * transport security, old browsers' switches): about 650 of the 940 bytes
 * of headers on each script, stylesheet or image, some 15 of them per first
 * load on a metered link. A subresource does without them; the page that
 * loads it carries them, and a worker (fetched as one) keeps them all.
 */
const DOCUMENT_ONLY_HEADERS = [
  "Content-Security-Policy",
  "Cross-Origin-Opener-Policy",
  "Origin-Agent-Cluster",
  "Strict-Transport-Security",
  "X-Frame-Options",
  "X-XSS-Protection",
  "X-Download-Options",
  "X-DNS-Prefetch-Control",
  "X-Permitted-Cross-Domain-Policies",
];
/** `Sec-Fetch-Dest` of what a page loads into itself: never a document nor a worker. */
const SUBRESOURCES = new Set(["script", "style", "image", "font"]);

/** The JSON API, mounted at /api; its type (apiType.ts) feeds `hc<ApiType>` in the web app. */
export function createApi(deps: AppDeps) {
  const { ctx, auth, limits, origins, signUps } = deps;
  return (
    new Hono<TAppEnv>()
      // First, before a session lookup or better-auth parses anything.
      .use("*", requestBodyLimit(deps.maxRequestBytes ?? Limits.maxRequestBytes))
      .route(
        "/health",
        healthRoutes({ db: ctx.db, sync: deps.sync, redis: deps.redis, version: deps.version }),
      )
      // Sessions, Origin checks and better-auth's own URLs read the Host: a
      // request without a usable one is refused here (after health, which
      // probes may ask without one), not failed in there with a 500.
      .use("*", async (c, next) => {
        if (!isUsableHost(c.req.header("host"))) throw new BadHostError();
        await next();
      })
      // CSRF: a write must come from a page of this server. Browsers always
      // send Origin on writes; other clients set it themselves.
      .use("*", async (c, next) => {
        if (
          !SAFE_METHODS.has(c.req.method) &&
          !isAllowedOrigin(origins, c.req.header("origin"), c.req.header("host"))
        ) {
          throw new BadOriginError();
        }
        await next();
      })
      .route("/auth", authRoutes(auth, limits, signUps))
      // Everything below knows who is asking (or that nobody is signed in).
      .use("*", async (c, next) => {
        c.set("account", await readAccount(auth, c.req.raw.headers));
        await next();
      })
      .route("/", accountRoutes(ctx, auth, limits, signUps))
      .route("/workspaces", workspaceRoutes(ctx, limits))
      .route("/workspaces/:workspaceId/presence", presenceRoutes(ctx, limits))
      .route("/workspaces/:workspaceId/calls", callRoutes(ctx))
      .route("/workspaces/:workspaceId/templates", templateRoutes(ctx))
      .route("/documents", documentRoutes(ctx))
      .route("/documents", versionRoutes(ctx))
      .route("/documents", commentRoutes(ctx))
      .route("/invitations", invitationRoutes(ctx, limits))
  );
}

/** The HTTP side: API under /api, the web app everywhere else. */
export function createApp(deps: AppDeps) {
  // Chained up to the API, so the app's type carries its routes under /api
  // (the route tests' typed client); what follows adds no typed routes.
  const app = new Hono<TAppEnv>()
    // Around secureHeaders, so it sees the headers that middleware adds.
    .use("/assets/*", async (c, next) => {
      await next();
      if (SUBRESOURCES.has(c.req.header("sec-fetch-dest") ?? ""))
        for (const name of DOCUMENT_ONLY_HEADERS) c.res.headers.delete(name);
    })
    .use(
      "*",
      secureHeaders({
        // Everything comes from this origin: no CDN, font host or analytics.
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          // CSP Level 3: 'self' also covers ws: and wss: to this same host.
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
        },
        referrerPolicy: "no-referrer",
        crossOriginEmbedderPolicy: false,
      }),
    )
    .route("/api", createApi(deps));
  if (deps.metrics) app.route("/metrics", metricsRoutes(deps.metrics.registry, deps.metrics.token));
  app.all("/api/*", (c) =>
    c.json({ error: { code: "not_found", message: "No such API route. See docs/API.md." } }, 404),
  );

  if (deps.webDist && existsSync(join(deps.webDist, "index.html"))) {
    const root = deps.webDist;
    // The app's HTML for its client-side routes, compressed like every other
    // file and never cached without asking again. A document's address gets
    // the shell that also asks for the editor's code at once.
    const shell = (file: string) =>
      serveStatic({
        root,
        path: file,
        precompressed: true,
        onFound: (_path, c) => c.header("Cache-Control", "no-cache"),
      });
    const indexHtml = shell("index.html");
    const documentHtml = existsSync(join(root, "document.html")) ? shell("document.html") : indexHtml;
    // The build writes a Brotli and a gzip copy of each text file: sent as they
    // are where the browser accepts them (Content-Encoding, Vary: Accept-Encoding).
    app.use(
      "/assets/*",
      serveStatic({ root, precompressed: true, onFound: (_path, c) => c.header("Cache-Control", IMMUTABLE) }),
    );
    app.use(
      "*",
      serveStatic({
        root,
        precompressed: true,
        // `/` is index.html too: a page that names this build's chunks, asked for again each visit.
        onFound: (path, c) => {
          if (path.endsWith(".html")) c.header("Cache-Control", "no-cache");
        },
      }),
    );
    // Client-side routes (/d/:id) all get the app shell; a missing file
    // (`/favicon.ico`, an old chunk) is a 404, not a page of HTML in its place.
    app.get("*", async (c, next) => {
      if (LOOKS_LIKE_A_FILE.test(c.req.path)) return c.text("Not found", 404);
      return (DOCUMENT_ADDRESS.test(c.req.path) ? documentHtml : indexHtml)(c, next);
    });
  } else {
    app.get("/", (c) =>
      c.text(
        "Caucus API is running. The web app is not built: run `npm start` from the repository root.",
        200,
      ),
    );
  }

  app.onError((error, c) => {
    if (error instanceof RateLimitedError) c.header("Retry-After", String(error.retryAfterSeconds));
    // The rest of that body is still on its way: end the connection after
    // this answer rather than read it, and tell the client not to reuse it.
    if (error instanceof PayloadTooLargeError) c.header("Connection", "close");
    if (error instanceof ApiError) {
      return c.json(
        { error: { code: error.code, message: error.message, details: error.details } },
        error.status,
      );
    }
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own refusals, such as a body that is not JSON.
      return c.json(
        { error: { code: "bad_request", message: `${error.message}. Check the request.` } },
        error.status,
      );
    }
    deps.logger.error({ err: error, method: c.req.method, path: c.req.path }, "request failed");
    return c.json(
      {
        error: {
          code: "internal",
          message: "Something went wrong on the server. Try again; if it persists, tell your admin.",
        },
      },
      500,
    );
  });
  return app;
}
/** The whole app's type: the API's routes under /api, for `hono/testing`'s testClient. */
export type AppType = ReturnType<typeof createApp>;
