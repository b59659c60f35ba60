#!/usr/bin/env node
// Installs npm dependencies when they are missing or older than the lockfile,
// so `npm start` and `npm test` work on a fresh clone with nothing else run.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const marker = join(root, "node_modules", ".package-lock.json");
const lock = join(root, "package-lock.json");

export function ensureDependencies() {
  const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;
  if (!stale) return;
  console.log("Installing dependencies (first run, or the lockfile changed)…");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("npm ci failed; check your network access to the npm registry and try again.");
    process.exit(result.status ?? 1);
  }
}

/** Runs turbo with telemetry off: nothing about this machine leaves it. */
export function turbo(args) {
  const result = spawnSync(join(root, "node_modules", ".bin", "turbo"), args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  });
  return result.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureDependencies();
