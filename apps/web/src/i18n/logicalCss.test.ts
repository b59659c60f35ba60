import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Arabic mirrors the whole layout by `dir="rtl"` alone: every stylesheet
 * says start and end (`margin-inline-start`, `inset-inline-end`,
 * `text-align: start`), never left and right, which would stay put in
 * Arabic. This lists every physical property in the app's CSS and in the
 * inline styles of its components.
 */
const SRC = fileURLToPath(new URL("..", import.meta.url));
const PHYSICAL = [
  /\b(?:margin|padding|border)-(?:left|right)\b/,
  /(?:^|[;{\s])(?:left|right)\s*:/,
  /\btext-align\s*:\s*(?:left|right)\b/,
  /\bfloat\s*:\s*(?:left|right)\b/,
  /\bclear\s*:\s*(?:left|right)\b/,
  /\bborder-(?:top|bottom)-(?:left|right)-radius\b/,
];
/** The same in React's inline `style={{…}}`. */
const PHYSICAL_INLINE =
  /\b(?:marginLeft|marginRight|paddingLeft|paddingRight|borderLeft\w*|borderRight\w*|left|right)\s*:/;

function files(folder: string, suffix: string[]): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return files(path, suffix);
    return suffix.some((end) => entry.name.endsWith(end)) && !entry.name.includes(".test.") ? [path] : [];
  });
}

/** `file:line: text` for each line that places something left or right. */
function physicalProperties(path: string, source: string, inline: boolean): string[] {
  const found: string[] = [];
  source.split("\n").forEach((line, index) => {
    const code = line.replace(/\/\*.*?\*\//g, "").replace(/\/\/.*$/, "");
    const hit = inline
      ? /style=\{\{/.test(code) && PHYSICAL_INLINE.test(code.slice(code.indexOf("style={{")))
      : PHYSICAL.some((pattern) => pattern.test(code));
    if (hit) found.push(`${relative(SRC, path)}:${index + 1}: ${line.trim()}`);
  });
  return found;
}

describe("the layout mirrors right to left", () => {
  it("finds a physical property where there is one", () => {
    expect(
      physicalProperties("a.css", ".x {\n  margin-left: 4px;\n  inset-inline-start: 0;\n}", false),
    ).toEqual(["../a.css:2: margin-left: 4px;"]);
    expect(physicalProperties("a.css", ".x { left: 0; text-align: right }", false)).toHaveLength(1);
    expect(physicalProperties("a.tsx", "<p style={{ marginLeft: 4 }} />", true)).toHaveLength(1);
    expect(
      physicalProperties("a.css", ".x { border-inline-start: 1px solid; text-align: start }", false),
    ).toEqual([]);
  });

  it("has no left or right in the app's styles and components", () => {
    const found = [
      ...files(SRC, [".css"]).flatMap((path) => physicalProperties(path, readFileSync(path, "utf8"), false)),
      ...files(SRC, [".tsx"]).flatMap((path) => physicalProperties(path, readFileSync(path, "utf8"), true)),
    ];
    expect(found).toEqual([]);
  });
});
