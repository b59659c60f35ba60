import { CHROMIUM_ENDPOINT_ENV, startSharedChromium } from "./chromium.js";
import { type PostgresCluster, SHARED_POSTGRES_ENV, startPostgres } from "./postgres.js";

/**
 * Runs once before all test files: starts the one Chromium the browser tests
 * share and the one PostgreSQL cluster that files which never kill it share.
 * (A test server's new DATA_DIR needs nothing: the server copies the build's
 * empty database into it.)
 */
export default async function setup(): Promise<() => Promise<void>> {
  const [chromium, postgres] = await Promise.all([
    startSharedChromium(),
    // Where PostgreSQL is missing, the files that need it start their own and say why that failed.
    startPostgres().catch((): PostgresCluster | undefined => undefined),
  ]);
  if (chromium) process.env[CHROMIUM_ENDPOINT_ENV] = chromium.wsEndpoint();
  if (postgres) process.env[SHARED_POSTGRES_ENV] = String(postgres.port);
  return async () => {
    await Promise.all([chromium?.close(), postgres?.stop()]);
  };
}
