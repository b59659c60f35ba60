#!/usr/bin/env node
// `npm run lint`: one formatter and linter (Biome), then no import cycles
// (dpdm, type-only imports included) in the apps, the shared package and
// the tests. Extra arguments go to Biome (`npm run lint -- --write`).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);

/** Runs Biome, then the cycle check; returns the first failing status, or 0. */
export function lint(biomeArgs = []) {
  const biome = spawnSync(bin("biome"), ["check", ".", ...biomeArgs], { cwd: root, stdio: "inherit" });
  if (biome.status !== 0) {
    console.error("Lint failed: run `npm run lint -- --write` to fix formatting, then fix what remains.");
    return biome.status ?? 1;
  }
  const cycles = spawnSync(
    bin("dpdm"),
    [
      "--no-warning",
      "--no-tree",
      "--no-progress",
      "--exit-code",
      "circular:1",
      "--exclude",
      "node_modules|dist",
      "apps/server/src/**/*.ts",
      "apps/web/src/**/*.{ts,tsx}",
      "packages/shared/src/**/*.ts",
      "tests/**/*.ts",
    ],
    { cwd: root, stdio: "inherit" },
  );
  if (cycles.status !== 0) {
    console.error(
      "Lint failed: the import cycles above must go (move what both sides need into a module of its own).",
    );
    return cycles.status ?? 1;
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(lint(process.argv.slice(2)));
