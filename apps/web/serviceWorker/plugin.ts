import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Plugin, Rollup } from "vite";

const TEMPLATE = fileURLToPath(new URL("./sw.js", import.meta.url));

/** What the build knows and the worker needs: the values of the template's placeholders. */
export interface TServiceWorkerBuild {
  version: string;
  precache: string[];
  startup: string[];
  shell: string;
}

/** Fills the service worker template; exported for its unit test. */
export function renderServiceWorker(template: string, build: TServiceWorkerBuild): string {
  const values: Record<string, unknown> = {
    __VERSION__: build.version,
    __PRECACHE__: build.precache,
    __STARTUP__: build.startup,
    __SHELL__: build.shell,
  };
  let source = template;
  for (const [placeholder, value] of Object.entries(values)) {
    if (!source.includes(placeholder)) throw new Error(`serviceWorker/sw.js has no ${placeholder}`);
    source = source.replaceAll(placeholder, JSON.stringify(value));
  }
  return source;
}

/**
 * What the worker must cache, from the bundle: every file (`precache`), and
 * the part the app cannot start without (`startup`): index.html, the entry
 * chunks with what they import statically, and their CSS. Exported for its
 * unit test.
 */
const FONT_FILE = /\.woff2?$/;

export function describeBuild(bundle: Rollup.OutputBundle, base: string): TServiceWorkerBuild {
  const files = Object.values(bundle)
    .filter((file) => !file.fileName.endsWith(".map"))
    .sort((a, b) => a.fileName.localeCompare(b.fileName));

  const startup = new Set(["index.html"]);
  const visit = (fileName: string) => {
    const chunk = bundle[fileName];
    if (chunk?.type !== "chunk" || startup.has(fileName)) return;
    startup.add(fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) startup.add(css);
    for (const imported of chunk.imports) visit(imported);
  };
  for (const file of files) if (file.type === "chunk" && file.isEntry) visit(file.fileName);

  // The version follows the content, not just the names: index.html keeps its name across builds.
  const hash = createHash("sha256");
  for (const file of files)
    hash.update(file.fileName).update(file.type === "chunk" ? file.code : file.source);

  return {
    version: hash.digest("hex").slice(0, 16),
    // Fonts are cached by the worker when a page first uses them, not up front.
    precache: files.filter((file) => !FONT_FILE.test(file.fileName)).map((file) => base + file.fileName),
    startup: files.filter((file) => startup.has(file.fileName)).map((file) => base + file.fileName),
    shell: `${base}index.html`,
  };
}

/**
 * Emits `sw.js` with the full list of the build's files, so the worker can
 * cache all of them itself: a page that reported what it had loaded missed
 * whatever came later (the lazily loaded editor chunk, a font).
 */
export function serviceWorker(): Plugin {
  let base = "/";
  return {
    name: "caucus:service-worker",
    apply: "build",
    // After Vite's own plugins, so that index.html is in the bundle.
    enforce: "post",
    configResolved(config) {
      base = config.base;
    },
    generateBundle(_options, bundle) {
      this.addWatchFile(TEMPLATE);
      const source = renderServiceWorker(readFileSync(TEMPLATE, "utf8"), describeBuild(bundle, base));
      this.emitFile({ type: "asset", fileName: "sw.js", source });
    },
  };
}
