#!/usr/bin/env node
// `npm run soak`: install what is missing, build the server, then hold
// 2,000 sockets over 200 documents under edits and churn for SOAK_MINUTES
// (default 10) and fail if the heap after GC grows over 10% or a document
// stays loaded. See docs/RELIABILITY.md.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies, turbo } from "./ensure.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureDependencies();
if (turbo(["run", "build", "--filter=@caucus/server", "--output-logs=errors-only"]) !== 0) process.exit(1);
const result = spawnSync("npm", ["run", "soak", "-w", "@caucus/tests"], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
