import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    // One migrated PGlite, dumped once; each test database is a copy of it.
    globalSetup: ["./src/testing/globalSetup.ts"],
    testTimeout: 30_000,
    // Vitest's default on this 2-core machine is one worker, leaving a core
    // idle while a file waits on its database: two take 137 s instead of 174 s.
    maxWorkers: 2,
    // Many files open an embedded PGlite in beforeAll; with every file doing
    // so at once on two cores that can take well over 10 s.
    hookTimeout: 60_000,
  },
});
