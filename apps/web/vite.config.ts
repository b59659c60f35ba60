/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { documentShell } from "./build/documentShell";
import { precompress } from "./build/precompress";
import { serviceWorker } from "./serviceWorker/plugin";

/** The API server in development (`npm run dev -w @caucus/server`). */
const API_ORIGIN = process.env.CAUCUS_API_ORIGIN ?? "http://localhost:8787";

/**
 * React's API, rendered by Preact: react-dom alone was 210 KB of the 324 KB
 * entry (about 55 KB on the wire), preact/compat is about 12 KB. The code is
 * written and typed against React; see ARCHITECTURE.md.
 */
const PREACT = {
  "react-dom/client": "preact/compat/client",
  "react-dom": "preact/compat",
  "react/jsx-runtime": "preact/jsx-runtime",
  "react/jsx-dev-runtime": "preact/jsx-dev-runtime",
  react: "preact/compat",
};

export default defineConfig({
  plugins: [react(), documentShell(), serviceWorker(), precompress()],
  resolve: {
    alias: Object.entries(PREACT).map(([find, replacement]) => ({
      find: new RegExp(`^${find}$`),
      replacement,
    })),
  },
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
