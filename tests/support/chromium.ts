import { existsSync } from "node:fs";
import { type Browser, type BrowserServer, chromium } from "playwright-core";

/** Where Debian's Chromium lives; playwright's own browser downloads are never used. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where the global setup leaves the run's shared Chromium for the test files. */
export const CHROMIUM_ENDPOINT_ENV = "CAUCUS_TEST_CHROMIUM";

/** Flags that keep Chromium from reaching the network on its own or needing a GPU or a sandbox (we run as root). */
const OPTIONS = {
  executablePath: CHROMIUM_PATH,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
  ],
};

/** Launches the system Chromium headless for the caller alone. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(OPTIONS);
}

/**
 * Starts the one Chromium a test run shares (each file connects and works in
 * browser contexts of its own, which share no cookies, storage or caches).
 * Undefined where Chromium is not installed: only the browser tests need it,
 * and they then fail saying so.
 */
export async function startSharedChromium(): Promise<BrowserServer | undefined> {
  if (!existsSync(CHROMIUM_PATH)) return undefined;
  return chromium.launchServer(OPTIONS);
}

/** The run's shared Chromium when the global setup started one, else one of the caller's own. */
export function openChromium(): Promise<Browser> {
  const endpoint = process.env[CHROMIUM_ENDPOINT_ENV];
  return endpoint ? chromium.connect(endpoint) : launchChromium();
}
