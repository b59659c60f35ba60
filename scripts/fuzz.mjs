#!/usr/bin/env node
// `npm run fuzz`: install what is missing, build what the server imports,
// then run the in-process fuzzer (apps/server/src/sync/hostileInput.fuzz.test.ts)
// with a million generated frames and requests unless FUZZ_FRAMES says
// otherwise. It prints its seed; FUZZ_SEED replays a run. See docs/RELIABILITY.md.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies, turbo } from "./ensure.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureDependencies();
if (turbo(["run", "build", "--filter=@caucus/shared", "--output-logs=errors-only"]) !== 0) process.exit(1);
const result = spawnSync("npx", ["vitest", "run", "src/sync/hostileInput.fuzz.test.ts"], {
  cwd: join(root, "apps/server"),
  stdio: "inherit",
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: read here and by vitest, never by a turbo task.
  env: { ...process.env, FUZZ_FRAMES: process.env.FUZZ_FRAMES ?? "1000000" },
});
process.exit(result.status ?? 1);
