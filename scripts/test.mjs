#!/usr/bin/env node
// `npm test`: install what is missing (npm packages; and, as root, the
// Debian packages the cross-process tests need), build, then run every
// test of every workspace, one workspace at a time (the machine has 2 cores).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies, turbo } from "./ensure.mjs";
import { lint } from "./lint.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const systemDeps = spawnSync("bash", [join(root, "scripts/system-deps.sh")], { stdio: "inherit" });
if (systemDeps.status !== 0) process.exit(systemDeps.status ?? 1);
ensureDependencies();
if (turbo(["run", "build", "--output-logs=errors-only"]) !== 0) process.exit(1);
// Style, import cycles and types first: a slip fails in seconds, not after the suites.
if (lint() !== 0) process.exit(1);
if (turbo(["run", "typecheck", "--output-logs=errors-only"]) !== 0) process.exit(1);
const status = turbo([
  "run",
  "test",
  "--concurrency=1",
  "--continue",
  "--output-logs=full",
  ...process.argv.slice(2),
]);
process.exit(status);
