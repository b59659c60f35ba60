import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

/** What compresses: text. Fonts (woff2) and images are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|webmanifest)$/;

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside each text file of
 * `dir`, where it is smaller, for the server to send as they are
 * (`serveStatic({ precompressed: true })` picks one by Accept-Encoding).
 * Compressing once at build time lets the slowest settings be used: a
 * remote member's first load moves a third of the bytes. Returns the files
 * written, relative to `dir`.
 */
export function precompressDirectory(dir: string): string[] {
  const written: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (COMPRESSIBLE.test(name)) {
        const raw = readFileSync(path);
        const copies: [string, Buffer][] = [
          [
            ".br",
            brotliCompressSync(raw, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            }),
          ],
          [".gz", gzipSync(raw, { level: 9 })],
        ];
        for (const [suffix, compressed] of copies) {
          if (compressed.length >= raw.length) continue;
          writeFileSync(path + suffix, compressed);
          written.push((path + suffix).slice(dir.length + 1));
        }
      }
    }
  };
  walk(dir);
  return written;
}

/** The Vite plugin: precompresses the whole output once everything (the service worker too) is written. */
export function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "caucus:precompress",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir.startsWith("/")
        ? config.build.outDir
        : join(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressDirectory(outDir);
    },
  };
}
