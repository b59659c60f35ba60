import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    // One migrated PGlite, dumped once; each test database is a copy of it.
    globalSetup: ["./src/testing/globalSetup.ts"],
    testTimeout: 30_000,
    // Many files open an embedded PGlite in beforeAll; with every file doing
    // so at once on two cores that can take well over 10 s.
    hookTimeout: 60_000,
  },
});
