import { defineConfig } from "vitest/config";

/**
 * Files that load the machine on purpose (bursts, fuzzing, many clients,
 * several instances) or bound a delay or a rate in wall-clock time: they run
 * one at a time, after the others, with nothing beside them. Files that only
 * kill or restart processes of their own (crash, databaseOutage,
 * storage.postgres) mostly wait, so they run with the others.
 */
const ALONE = [
  // Times a page load on a throttled link: nothing else may take the CPU.
  "browser/firstLoad.test.ts",
  "sync/burst.test.ts",
  "sync/chaos.test.ts",
  "sync/convergence.test.ts",
  "sync/fuzz.test.ts",
  "sync/gracefulRestart.test.ts",
  "sync/nginx.test.ts",
  "sync/revocation.test.ts",
  "sync/revocation.redis.test.ts",
  "sync/scale.*.test.ts",
  "sync/soak.test.ts",
  "sync/syncAnswers.test.ts",
];

// Every test spawns servers (and some PostgreSQL, Redis, Chromium pages) on a
// 2-core machine. Most of a test's time is waiting on sockets and timers, so
// the other files run two at a time; each starts its own servers on port 0.
const EACH = {
  environment: "node",
  testTimeout: 60_000,
  hookTimeout: 60_000,
  teardownTimeout: 30_000,
  pool: "forks",
} as const;

export default defineConfig({
  test: {
    // Once per run, not per project: the migrated data template and Chromium.
    globalSetup: ["./support/globalSetup.ts"],
    projects: [
      {
        test: {
          ...EACH,
          name: "together",
          include: ["**/*.test.ts"],
          exclude: ["**/node_modules/**", ...ALONE],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...EACH,
          name: "alone",
          include: ALONE,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
