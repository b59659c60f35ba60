import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every sentence a person reads comes from the catalogues (`t(...)`), so the
 * six languages stay whole: a word typed straight into a component would
 * show in English to everyone. This reads every component and lists text
 * between JSX tags and the attributes people read or hear (labels, titles,
 * placeholders, alt text) that hold a literal with letters in it.
 */
const SRC = fileURLToPath(new URL("..", import.meta.url));
const READ_ATTRIBUTES = new Set(["aria-label", "aria-description", "title", "placeholder", "alt", "label"]);
const LETTER = /\p{L}/u;
/**
 * An example value rather than words: a time zone (`America/Santiago`), a
 * URL's start (`https://`), a language tag (`pt-BR`). The same in every
 * language, so it stays as typed.
 */
const CODE = /^[\w.]+(?:[/:-][\w.]*)+$/;

function components(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return components(path);
    return entry.name.endsWith(".tsx") && !entry.name.endsWith(".test.tsx") ? [path] : [];
  });
}

/** `file:line: text` for each literal a person would read. */
function hardCodedStrings(path: string, source: string): string[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push(`${relative(SRC, path)}:${line + 1}: ${JSON.stringify(text.trim())}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(file))) {
      const value = node.initializer;
      const literal =
        value && ts.isStringLiteral(value)
          ? value
          : value && ts.isJsxExpression(value) && value.expression && ts.isStringLiteralLike(value.expression)
            ? value.expression
            : undefined;
      if (literal && LETTER.test(literal.text) && !CODE.test(literal.text)) report(node, literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("strings people read", () => {
  it("finds a literal between tags and in a label, and nothing in t() calls", () => {
    const sample = [
      "const A = () => <p>Hello there</p>;",
      'const B = () => <button aria-label="Close">{t("x")}</button>;',
      'const C = () => <input placeholder={"Search"} title={t("y")} />;',
      'const D = () => <span className="kind-badge">{t("kinds.notes")}</span>;',
      'const E = () => <input placeholder="America/Santiago" />;',
    ].join("\n");
    expect(hardCodedStrings(join(SRC, "sample.tsx"), sample)).toEqual([
      'sample.tsx:1: "Hello there"',
      'sample.tsx:2: "Close"',
      'sample.tsx:3: "Search"',
    ]);
  });

  it("come from the catalogues in every component", () => {
    const found = components(SRC).flatMap((path) => hardCodedStrings(path, readFileSync(path, "utf8")));
    expect(found).toEqual([]);
  });
});
