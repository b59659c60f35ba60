import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { parseEnv } from "./env.js";
import { createLogger } from "./logger.js";
import { startServer } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const version = (JSON.parse(readFileSync(join(here, "../package.json"), "utf8")) as { version: string })
  .version;

let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv({
    WEB_DIST: resolve(here, "../../web/dist"),
    // Made by the build (scripts/dataTemplate.mjs) beside this file.
    DATA_TEMPLATE: join(here, "pgdata-template"),
    ...process.env,
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const logger = createLogger(env.LOG_LEVEL);
// PGlite is 9 MB of WebAssembly. V8 compiles it with its baseline compiler
// and recompiles hot functions with its optimizing one, which keeps about
// 30 MB more resident for good: most of what a 512 MB machine can spare.
// Caucus's SQL is light, so the baseline compiler alone (see PERFORMANCE.md,
// "The small server"). Set before PGlite compiles, and only for its sake.
if (!env.DATABASE_URL && !env.PGLITE_OPTIMIZE) setFlagsFromString("--liftoff-only");

// Signals are handled from the first moment: a SIGTERM that arrives while
// storage opens waits for the start to finish, then stops cleanly.
let stopRequested: string | undefined;
let shutdown = (signal: string) => {
  stopRequested ??= signal;
};
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));

const server = await startServer(env, logger, version).catch((error: unknown) => {
  logger.fatal({ err: error }, "could not start; check DATABASE_URL or DATA_DIR");
  process.exit(1);
});

let stopping = false;
shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down: storing every document");
  const timer = setTimeout(() => {
    logger.error("shutdown took too long; exiting");
    process.exit(1);
  }, env.SHUTDOWN_TIMEOUT_MS);
  server.close().then(
    () => {
      clearTimeout(timer);
      logger.info("stopped cleanly");
      process.exit(0);
    },
    (error: unknown) => {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    },
  );
};

const host = env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST;
logger.info(
  {
    port: server.port,
    url: `http://${host === "127.0.0.1" ? "localhost" : host}:${server.port}`,
    storage: env.DATABASE_URL ? "postgres" : "pglite",
  },
  "listening",
);
if (stopRequested) shutdown(stopRequested);
