import { rmSync } from "node:fs";
import { CHROMIUM_ENDPOINT_ENV, startSharedChromium } from "./chromium.js";
import { DATA_TEMPLATE_ENV, prepareDataTemplate } from "./server.js";

/**
 * Runs once before all test files: checks the server is built and prepares a
 * migrated DATA_DIR that `startServer` copies, so a test does not pay for
 * PGlite's first start; starts the one Chromium the browser tests share.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const [template, chromium] = await Promise.all([prepareDataTemplate(), startSharedChromium()]);
  process.env[DATA_TEMPLATE_ENV] = template;
  if (chromium) process.env[CHROMIUM_ENDPOINT_ENV] = chromium.wsEndpoint();
  return async () => {
    await chromium?.close();
    rmSync(template, { recursive: true, force: true });
  };
}
