import { defineConfig } from "vitest/config";

// Each test spawns servers (and sometimes PostgreSQL) on a 2-core machine, and
// several kill processes on purpose: files run one at a time so timings hold.
export default defineConfig({
  test: {
    environment: "node",
    globalSetup: ["./support/globalSetup.ts"],
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    fileParallelism: false,
    pool: "forks",
  },
});
