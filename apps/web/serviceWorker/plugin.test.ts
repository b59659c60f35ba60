import { readFileSync } from "node:fs";
import type { Rollup } from "vite";
import { describe, expect, it } from "vitest";
import { describeBuild, renderServiceWorker } from "./plugin";

const TEMPLATE = readFileSync(new URL("./sw.js", import.meta.url), "utf8");

/** The parts of Rollup's output that describeBuild reads. */
function chunk(
  fileName: string,
  code: string,
  options: { isEntry?: boolean; imports?: string[]; css?: string[] },
) {
  return {
    type: "chunk",
    fileName,
    code,
    isEntry: options.isEntry ?? false,
    imports: options.imports ?? [],
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
  chunk("assets/DocumentPage-d.js", "editor", { imports: ["assets/vendor-b.js"] }),
  asset("assets/inter-latin-400-normal-e.woff2", "font"),
  asset("assets/index-a.js.map", "{}"),
);

describe("describeBuild", () => {
  it("lists every built file, the lazy editor chunk included, but no source map and no font", () => {
    expect(describeBuild(app, "/").precache).toEqual([
      "/assets/DocumentPage-d.js",
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
    expect(source).not.toMatch(/__[A-Z]+__/);
  });

  it("refuses a template that lost a placeholder, rather than emit a worker that caches nothing", () => {
    const template = TEMPLATE.replace("__PRECACHE__", "[]");
    expect(() => renderServiceWorker(template, describeBuild(app, "/"))).toThrow(/__PRECACHE__/);
  });
});
