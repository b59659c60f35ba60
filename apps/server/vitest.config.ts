import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    // Many files open an embedded PGlite and migrate it in beforeAll; with
    // every file doing so at once on two cores that takes well over 10 s.
    hookTimeout: 60_000,
  },
});
