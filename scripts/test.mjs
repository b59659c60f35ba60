#!/usr/bin/env node
// `npm test`: install what is missing (npm packages; and, as root, the
// Debian packages the cross-process tests need), build, then run every
// test of every workspace, one workspace at a time (the machine has 2 cores),
// and print how long each stage took.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies, turbo } from "./ensure.mjs";
import { lint } from "./lint.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/**
 * Each stage's workspaces, in the order they run: the fast ones first. The
 * two small unit suites (no servers, a few seconds each) share a stage; the
 * server's and the cross-process suites each have the machine to themselves.
 */
const WORKSPACE_STAGES = [["@caucus/shared", "@caucus/web"], ["@caucus/server"], ["@caucus/tests"]];

/** @type {{ stage: string, seconds: number, status: number }[]} */
const stages = [];
/** Runs one stage, remembering its time and status. */
function stage(name, run) {
  const started = performance.now();
  const status = run();
  stages.push({ stage: name, seconds: (performance.now() - started) / 1000, status });
  return status;
}
function report() {
  const width = Math.max(...stages.map((s) => s.stage.length));
  console.log("\nnpm test, time per stage:");
  for (const { stage: name, seconds, status } of stages) {
    const minutes = `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, "0")}`;
    console.log(`  ${name.padEnd(width)}  ${minutes.padStart(6)}  ${status === 0 ? "ok" : "FAILED"}`);
  }
  const total = stages.reduce((sum, s) => sum + s.seconds, 0);
  console.log(
    `  ${"total".padEnd(width)}  ${`${Math.floor(total / 60)}:${String(Math.round(total % 60)).padStart(2, "0")}`.padStart(6)}`,
  );
}
function finish(status) {
  report();
  process.exit(status);
}

const systemDeps = stage("system packages", () => {
  const result = spawnSync("bash", [join(root, "scripts/system-deps.sh")], { stdio: "inherit" });
  return result.status ?? 1;
});
if (systemDeps !== 0) finish(systemDeps);
stage("npm packages", () => {
  ensureDependencies();
  return 0;
});
if (stage("build", () => turbo(["run", "build", "--output-logs=errors-only"])) !== 0) finish(1);
// Style, import cycles and types first: a slip fails in seconds, not after the suites.
if (stage("lint", () => lint()) !== 0) finish(1);
if (stage("typecheck", () => turbo(["run", "typecheck", "--output-logs=errors-only"])) !== 0) finish(1);
// Every workspace runs even after one fails, so one run shows every failure.
let failed = 0;
for (const workspaces of WORKSPACE_STAGES) {
  const filters = workspaces.map((workspace) => `--filter=${workspace}`);
  const status = stage(`test ${workspaces.join(" + ")}`, () =>
    turbo(["run", "test", ...filters, "--only", "--output-logs=full", ...process.argv.slice(2)]),
  );
  if (status !== 0) failed = status;
}
finish(failed);
