import type { Plugin, Rollup } from "vite";

/** The module whose code a document's address needs at once. */
const DOCUMENT_PAGE = /\/src\/editor\/DocumentPage\.tsx$/;
/** The session the entry opens at start-up (`earlySession.ts`): its code is asked for first. */
const EARLY_SESSION = /\/src\/sync\/earlySession\.ts$/;

/**
 * What a document's page loads on top of the entry: the DocumentPage chunk,
 * the chunks it imports statically, and their CSS, minus what the entry
 * loads anyway; the early session's chunks first, since the session starts
 * as soon as they have come, while the rest is on its way. Exported for its
 * unit test.
 */
export function documentPageFiles(bundle: Rollup.OutputBundle): { scripts: string[]; styles: string[] } {
  const chunks = Object.values(bundle).filter((file): file is Rollup.OutputChunk => file.type === "chunk");
  const closure = (start: Rollup.OutputChunk[]) => {
    const seen = new Set<string>();
    const visit = (fileName: string) => {
      const chunk = bundle[fileName];
      if (chunk?.type !== "chunk" || seen.has(fileName)) return;
      seen.add(fileName);
      for (const imported of chunk.imports) visit(imported);
    };
    for (const chunk of start) visit(chunk.fileName);
    return seen;
  };
  const page = chunks.find((chunk) => chunk.facadeModuleId && DOCUMENT_PAGE.test(chunk.facadeModuleId));
  if (!page) throw new Error("the build has no chunk for src/editor/DocumentPage.tsx");
  const entry = closure(chunks.filter((chunk) => chunk.isEntry));
  // Imported both dynamically (by the entry) and statically (by the page), its chunk has no facade: found by its modules.
  const session = chunks.filter((chunk) => chunk.moduleIds.some((id) => EARLY_SESSION.test(id)));
  const scripts = [...new Set([...closure(session), ...closure([page])])].filter(
    (fileName) => !entry.has(fileName),
  );
  const styles = scripts.flatMap((fileName) => [
    ...((bundle[fileName] as Rollup.OutputChunk).viteMetadata?.importedCss ?? []),
  ]);
  return { scripts, styles };
}

/** index.html with the document page's files asked for in its head. Exported for its unit test. */
export function withPreloads(
  html: string,
  files: { scripts: string[]; styles: string[] },
  base: string,
): string {
  const links = [
    ...files.scripts.map((file) => `<link rel="modulepreload" crossorigin href="${base}${file}">`),
    ...files.styles.map((file) => `<link rel="preload" as="style" crossorigin href="${base}${file}">`),
  ];
  if (!html.includes("</head>")) throw new Error("index.html has no </head>");
  return html.replace("</head>", `  ${links.join("\n    ")}\n  </head>`);
}

/**
 * Emits `document.html`, the shell the server answers on a document's
 * address (`/d/:id`): index.html plus preloads of the editor's code, so the
 * browser asks for it with the entry instead of after the entry has run
 * (on a 400 ms link, one round trip and an idle link saved).
 */
export function documentShell(): Plugin {
  let base = "/";
  return {
    name: "caucus:document-shell",
    apply: "build",
    enforce: "post",
    configResolved(config) {
      base = config.base;
    },
    generateBundle(_options, bundle) {
      const index = bundle["index.html"];
      if (index?.type !== "asset") throw new Error("the build has no index.html");
      this.emitFile({
        type: "asset",
        fileName: "document.html",
        source: withPreloads(String(index.source), documentPageFiles(bundle), base),
      });
    },
  };
}
