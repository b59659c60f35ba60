/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The API server in development (`npm run dev -w @caucus/server`). */
const API_ORIGIN = process.env.CAUCUS_API_ORIGIN ?? "http://localhost:8787";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  server: {
    proxy: {
      "/api": { target: API_ORIGIN, changeOrigin: true },
      "/sync": { target: API_ORIGIN, ws: true, changeOrigin: true },
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
