import { readFileSync } from "node:fs";
import type { Rollup } from "vite";
import { describe, expect, it } from "vitest";
import { describeBuild, renderServiceWorker } from "./plugin";

const TEMPLATE = readFileSync(new URL("./sw.js", import.meta.url), "utf8");

/** The parts of Rollup's output that describeBuild reads. */
function chunk(
  fileName: string,
  code: string,
  options: { isEntry?: boolean; imports?: string[]; css?: string[]; module?: string },
) {
  return {
    type: "chunk",
    fileName,
    code,
    isEntry: options.isEntry ?? false,
    imports: options.imports ?? [],
    // What Rollup gives for a chunk of one module (a catalogue, a page): its absolute path.
    facadeModuleId: options.module ?? null,
    viteMetadata: { importedCss: new Set(options.css ?? []), importedAssets: new Set<string>() },
  };
}
function asset(fileName: string, source: string) {
  return { type: "asset", fileName, source };
}

function bundleOf(...files: Array<{ fileName: string }>): Rollup.OutputBundle {
  return Object.fromEntries(files.map((file) => [file.fileName, file])) as unknown as Rollup.OutputBundle;
}

const app = bundleOf(
  asset("index.html", "<script src=/assets/index-a.js>"),
  chunk("assets/index-a.js", "main", {
    isEntry: true,
    imports: ["assets/vendor-b.js"],
    css: ["assets/index-c.css"],
  }),
  chunk("assets/vendor-b.js", "react", {}),
  asset("assets/index-c.css", "@font-face{}"),
  chunk("assets/DocumentPage-d.js", "editor", {
    imports: ["assets/vendor-b.js"],
    module: "/repo/apps/web/src/editor/DocumentPage.tsx",
  }),
  asset("assets/inter-latin-400-normal-e.woff2", "font"),
  asset("assets/index-a.js.map", "{}"),
  chunk("assets/es-f.js", "{}", { module: "/repo/apps/web/src/i18n/es.json" }),
  chunk("assets/ar-g.js", "{}", { module: "/repo/apps/web/src/i18n/ar.json" }),
  // A JSON file elsewhere is no catalogue.
  chunk("assets/en-h.js", "{}", { module: "/repo/apps/web/src/templates/en.json" }),
);

describe("describeBuild", () => {
  it("lists every built file, the lazy editor chunk included, but no source map, font or catalogue", () => {
    expect(describeBuild(app, "/").precache).toEqual([
      "/assets/DocumentPage-d.js",
      "/assets/en-h.js",
      "/assets/index-a.js",
      "/assets/index-c.css",
      "/assets/vendor-b.js",
      "/index.html",
    ]);
  });

  it("marks what the app needs to start: index.html, the entry, its static imports and its CSS", () => {
    expect(describeBuild(app, "/").startup).toEqual([
      "/assets/index-a.js",
      "/assets/index-c.css",
      "/assets/vendor-b.js",
      "/index.html",
    ]);
  });

  it("gives each language's catalogue chunk, for the worker to keep only those in use", () => {
    expect(describeBuild(app, "/").catalogues).toEqual({ ar: "/assets/ar-g.js", es: "/assets/es-f.js" });
    expect(describeBuild(app, "/app/").catalogues).toEqual({
      ar: "/app/assets/ar-g.js",
      es: "/app/assets/es-f.js",
    });
  });

  it("refuses a build without catalogues, rather than precache all six unnoticed once they move", () => {
    const moved = bundleOf(...Object.values(app).filter((file) => !/^assets\/(es|ar)-/.test(file.fileName)));
    expect(() => describeBuild(moved, "/")).toThrow(/no catalogue/);
  });

  it("changes the version when a file's content changes under the same name", () => {
    const edited = bundleOf(
      ...Object.values(app).filter((file) => file.fileName !== "index.html"),
      asset("index.html", "<p>"),
    );
    expect(describeBuild(edited, "/").version).not.toBe(describeBuild(app, "/").version);
    expect(describeBuild(app, "/").version).toBe(describeBuild(app, "/").version);
  });
});

describe("renderServiceWorker", () => {
  it("fills every placeholder of sw.js with a JavaScript literal", () => {
    const source = renderServiceWorker(TEMPLATE, describeBuild(app, "/"));
    expect(source).toMatch(/const VERSION = "[0-9a-f]{16}";/);
    expect(source).toContain('const PRECACHE = ["/assets/DocumentPage-d.js",');
    expect(source).toContain('const STARTUP = ["/assets/index-a.js",');
    expect(source).toContain('const SHELL = "/index.html";');
    expect(source).toContain('const CATALOGUES = {"ar":"/assets/ar-g.js","es":"/assets/es-f.js"};');
    expect(source).not.toMatch(/__[A-Z]+__/);
  });

  it("refuses a template that lost a placeholder, rather than emit a worker that caches nothing", () => {
    const template = TEMPLATE.replace("__PRECACHE__", "[]");
    expect(() => renderServiceWorker(template, describeBuild(app, "/"))).toThrow(/__PRECACHE__/);
    // Nor one that would keep no catalogue: offline, the app would start with bare keys.
    const withoutCatalogues = TEMPLATE.replace("__CATALOGUES__", "{}");
    expect(() => renderServiceWorker(withoutCatalogues, describeBuild(app, "/"))).toThrow(/__CATALOGUES__/);
  });
});
