/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./build/precompress";
import { serviceWorker } from "./serviceWorker/plugin";

/** The API server in development (`npm run dev -w @caucus/server`). */
const API_ORIGIN = process.env.CAUCUS_API_ORIGIN ?? "http://localhost:8787";

export default defineConfig({
  plugins: [react(), serviceWorker(), precompress()],
  // Nothing is copied as is: every file the app serves comes out of the bundle, so sw.js can list it.
  publicDir: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // Small shared chunks merged into larger ones: on HTTP/1.1 a browser
        // opens six connections to a host, and on a slow link a dozen 1–2 KB
        // chunks each wait their turn for one.
        experimentalMinChunkSize: 5_000,
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: API_ORIGIN, changeOrigin: true },
      "/sync": { target: API_ORIGIN, ws: true, changeOrigin: true },
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "serviceWorker/**/*.test.ts", "build/**/*.test.ts"],
  },
});
