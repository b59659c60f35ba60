import { rmSync } from "node:fs";
import { CHROMIUM_ENDPOINT_ENV, startSharedChromium } from "./chromium.js";
import { type PostgresCluster, SHARED_POSTGRES_ENV, startPostgres } from "./postgres.js";
import { DATA_TEMPLATE_ENV, prepareDataTemplate } from "./server.js";

/**
 * Runs once before all test files: checks the server is built and prepares a
 * migrated DATA_DIR that `startServer` copies, so a test does not pay for
 * PGlite's first start; starts the one Chromium the browser tests share and
 * the one PostgreSQL cluster that files which never kill it share.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const [template, chromium, postgres] = await Promise.all([
    prepareDataTemplate(),
    startSharedChromium(),
    // Where PostgreSQL is missing, the files that need it start their own and say why that failed.
    startPostgres().catch((): PostgresCluster | undefined => undefined),
  ]);
  process.env[DATA_TEMPLATE_ENV] = template;
  if (chromium) process.env[CHROMIUM_ENDPOINT_ENV] = chromium.wsEndpoint();
  if (postgres) process.env[SHARED_POSTGRES_ENV] = String(postgres.port);
  return async () => {
    await Promise.all([chromium?.close(), postgres?.stop()]);
    rmSync(template, { recursive: true, force: true });
  };
}
