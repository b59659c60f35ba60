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
  /** Each UI language's catalogue chunk, by language code: `{ es: "/assets/es-….js" }`. */
  catalogues: Record<string, string>;
}

/** Fills the service worker template; exported for its unit test. */
export function renderServiceWorker(template: string, build: TServiceWorkerBuild): string {
  const values: Record<string, unknown> = {
    __VERSION__: build.version,
    __PRECACHE__: build.precache,
    __STARTUP__: build.startup,
    __SHELL__: build.shell,
    __CATALOGUES__: build.catalogues,
  };
  let source = template;
  for (const [placeholder, value] of Object.entries(values)) {
    if (!source.includes(placeholder)) throw new Error(`serviceWorker/sw.js has no ${placeholder}`);
    source = source.replaceAll(placeholder, JSON.stringify(value));
  }
  return source;
}

const FONT_FILE = /\.woff2?$/;
/** A UI language's catalogue (`src/i18n/es.json`), each its own lazy chunk (`import.meta.glob` in src/i18n). */
const CATALOGUE_MODULE = /\/src\/i18n\/([a-z]{2,3})\.json$/;

/**
 * What the worker must cache, from the bundle: every file but the fonts and
 * the catalogues (`precache`); the part the app cannot start without
 * (`startup`): index.html, the entry chunks with what they import
 * statically, and their CSS; and each language's catalogue (`catalogues`),
 * of which the worker keeps only those of the languages in use. Exported
 * for its unit test.
 */
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

  const catalogues: Record<string, string> = {};
  for (const file of files) {
    const language = file.type === "chunk" && CATALOGUE_MODULE.exec(file.facadeModuleId ?? "")?.[1];
    if (language) catalogues[language] = base + file.fileName;
  }
  // Without them, all six would be precached again, unnoticed: five of them wasted on a metered link.
  if (Object.keys(catalogues).length === 0)
    throw new Error("the build has no catalogue chunk (src/i18n/*.json)");
  const catalogueFiles = new Set(Object.values(catalogues));

  // The version follows the content, not just the names: index.html keeps its name across builds.
  const hash = createHash("sha256");
  for (const file of files)
    hash.update(file.fileName).update(file.type === "chunk" ? file.code : file.source);

  return {
    version: hash.digest("hex").slice(0, 16),
    // Fonts and catalogues are cached by the worker when a page uses them, not up front.
    precache: files
      .map((file) => base + file.fileName)
      .filter((url) => !FONT_FILE.test(url) && !catalogueFiles.has(url)),
    startup: files.filter((file) => startup.has(file.fileName)).map((file) => base + file.fileName),
    shell: `${base}index.html`,
    catalogues,
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
