import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "./env.js";
import { createLogger } from "./logger.js";
import { startServer } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const version = (JSON.parse(readFileSync(join(here, "../package.json"), "utf8")) as { version: string })
  .version;

let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv({ WEB_DIST: resolve(here, "../../web/dist"), ...process.env });
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const logger = createLogger(env.LOG_LEVEL);

const server = await startServer(env, logger, version).catch((error: unknown) => {
  logger.fatal({ err: error }, "could not start; check DATABASE_URL or DATA_DIR");
  process.exit(1);
});
const host = env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST;
logger.info(
  {
    port: server.port,
    url: `http://${host === "127.0.0.1" ? "localhost" : host}:${server.port}`,
    storage: env.DATABASE_URL ? "postgres" : "pglite",
  },
  "listening",
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down: storing every document");
  const timer = setTimeout(() => {
    logger.error("shutdown took too long; exiting");
    process.exit(1);
  }, env.SHUTDOWN_TIMEOUT_MS);
  try {
    await server.close();
    clearTimeout(timer);
    logger.info("stopped cleanly");
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
