import { rmSync } from "node:fs";
import { DATA_TEMPLATE_ENV, prepareDataTemplate } from "./server.js";

/**
 * Runs once before all test files: checks the server is built and prepares a
 * migrated DATA_DIR that `startServer` copies, so a test does not pay for
 * PGlite's first start.
 */
export default async function setup(): Promise<() => void> {
  const template = await prepareDataTemplate();
  process.env[DATA_TEMPLATE_ENV] = template;
  return () => rmSync(template, { recursive: true, force: true });
}
