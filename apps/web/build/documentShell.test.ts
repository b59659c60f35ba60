import type { Rollup } from "vite";
import { describe, expect, it } from "vitest";
import { documentPageFiles, withPreloads } from "./documentShell";

function chunk(
  fileName: string,
  options: { entry?: boolean; facade?: string; modules?: string[]; imports?: string[]; css?: string[] },
) {
  return {
    type: "chunk",
    fileName,
    isEntry: options.entry ?? false,
    facadeModuleId: options.facade ?? null,
    moduleIds: options.modules ?? (options.facade ? [options.facade] : []),
    imports: options.imports ?? [],
    viteMetadata: { importedCss: new Set(options.css ?? []), importedAssets: new Set<string>() },
  };
}

function bundleOf(...files: Array<{ fileName: string }>): Rollup.OutputBundle {
  return Object.fromEntries(files.map((file) => [file.fileName, file])) as unknown as Rollup.OutputBundle;
}

const bundle = bundleOf(
  chunk("assets/index-a.js", {
    entry: true,
    facade: "/repo/apps/web/index.html",
    imports: ["assets/shared-b.js"],
  }),
  chunk("assets/shared-b.js", {}),
  chunk("assets/DocumentPage-c.js", {
    facade: "/repo/apps/web/src/editor/DocumentPage.tsx",
    imports: ["assets/shared-b.js", "assets/editor-d.js"],
    css: ["assets/DocumentPage-e.css"],
  }),
  chunk("assets/editor-d.js", { imports: ["assets/yjs-f.js", "assets/earlySession-h.js"] }),
  chunk("assets/yjs-f.js", {}),
  // As Rollup writes it: no facade, since the page also imports it statically.
  chunk("assets/earlySession-h.js", {
    modules: ["/repo/apps/web/src/sync/CollaborationSession.ts", "/repo/apps/web/src/sync/earlySession.ts"],
    imports: ["assets/yjs-f.js", "assets/shared-b.js"],
  }),
  chunk("assets/CallsPage-g.js", {
    facade: "/repo/apps/web/src/calls/CallsPage.tsx",
    imports: ["assets/yjs-f.js"],
  }),
);

describe("the document page's shell", () => {
  it("preloads the document page and everything it imports, the early session's code first, but nothing the entry loads and no other page", () => {
    expect(documentPageFiles(bundle)).toEqual({
      scripts: [
        "assets/earlySession-h.js",
        "assets/yjs-f.js",
        "assets/DocumentPage-c.js",
        "assets/editor-d.js",
      ],
      styles: ["assets/DocumentPage-e.css"],
    });
  });

  it("puts the preloads at the end of index.html's head", () => {
    const html = withPreloads(
      "<html><head><script type=module src=/assets/index-a.js></script></head><body></body></html>",
      documentPageFiles(bundle),
      "/",
    );
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/editor-d.js">');
    // crossorigin as Vite's own stylesheet link has it: a preload in another mode is not reused, and the file comes twice.
    expect(html).toContain('<link rel="preload" as="style" crossorigin href="/assets/DocumentPage-e.css">');
    expect(html.indexOf("modulepreload")).toBeGreaterThan(html.indexOf("index-a.js"));
    expect(html.indexOf("modulepreload")).toBeLessThan(html.indexOf("</head>"));
  });

  it("fails the build when the document page is not a chunk of its own", () => {
    const without = bundleOf(chunk("assets/index-a.js", { entry: true }));
    expect(() => documentPageFiles(without)).toThrow(/DocumentPage/);
  });
});
