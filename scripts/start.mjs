#!/usr/bin/env node
// `npm start`: install what is missing, build what is not built (turbo's
// cache skips the rest), then serve on the embedded defaults.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { ensureDependencies, turbo } from "./ensure.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureDependencies();
if (
  turbo(["run", "build", "--filter=@caucus/server", "--filter=@caucus/web", "--output-logs=errors-only"]) !==
  0
) {
  console.error("The build failed; the errors are above.");
  process.exit(1);
}

const server = spawn(process.execPath, [join(root, "apps/server/dist/main.js")], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
});
createInterface({ input: server.stdout }).on("line", (line) => {
  console.log(line);
  if (line.includes('"msg":"listening"')) {
    const url = /"url":"([^"]+)"/.exec(line)?.[1];
    console.log(`\n  Caucus is running at ${url}\n  Open it in a browser; stop with Ctrl+C.\n`);
  }
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
