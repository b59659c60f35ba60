#!/usr/bin/env node
// `npm run bench`: install what is missing, build the server, then run the
// performance benchmark (tests/bench) against it and the reference
// y-websocket server. See docs/PERFORMANCE.md.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies, turbo } from "./ensure.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureDependencies();
if (turbo(["run", "build", "--filter=@caucus/server", "--output-logs=errors-only"]) !== 0) process.exit(1);
// Through npm rather than turbo: the bench must not share the 2 cores with anything turbo runs beside it.
const result = spawnSync("npm", ["run", "bench", "-w", "@caucus/tests"], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
