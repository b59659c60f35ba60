import type { TCompareSide, TVersionComparison } from "@caucus/shared";

/**
 * The compare view as one standalone HTML file (the export): inline CSS, no
 * script, font or image from anywhere, so it opens offline, prints, and can
 * be mailed to delegations. Added words are underlined on a highlight,
 * removed ones struck through, and the legend says so in words: the marks
 * do not rely on colour alone, and survive black-and-white printing.
 */
export function compareHtml(title: string, comparison: TVersionComparison): string {
  const { diff } = comparison;
  const paragraphs = diff.paragraphs
    .map((paragraph) => {
      const pieces = paragraph.pieces
        .map((piece) =>
          piece.change === "inserted"
            ? `<ins>${escapeHtml(piece.text)}</ins>`
            : piece.change === "deleted"
              ? `<del>${escapeHtml(piece.text)}</del>`
              : escapeHtml(piece.text),
        )
        .join("");
      return `<p dir="auto" class="${paragraph.change}">${pieces}</p>`;
    })
    .join("\n");
  const summary =
    diff.insertedWords === 0 && diff.deletedWords === 0
      ? "No words differ between the two texts."
      : `${plural(diff.insertedWords, "word")} added, ${plural(diff.deletedWords, "word")} removed.`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}: changes</title>
<style>
body { font: 16px/1.6 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.4rem; }
.sides { margin: 0 0 1rem; }
.legend { border: 1px solid #888; padding: 0.5rem 1rem; margin: 1rem 0 2rem; }
ins { text-decoration: underline 2px; background: #d7f5dd; color: inherit; }
del { text-decoration: line-through 2px; background: #fde2e1; color: #5c1a17; }
del + ins { margin-inline-start: 0.25em; }
p.inserted, p.deleted { border-inline-start: 4px solid #888; padding-inline-start: 0.5rem; }
@media print { ins, del { background: none; } }
</style>
</head>
<body>
<h1 dir="auto">${escapeHtml(title)}</h1>
<p class="sides">From <strong>${escapeHtml(sideLabel(comparison.from))}</strong> to <strong>${escapeHtml(sideLabel(comparison.to))}</strong>. ${summary}</p>
<div class="legend">
<p><ins>Underlined words</ins> were added in the later text.</p>
<p><del>Struck-through words</del> were in the earlier text and were removed.</p>
<p>Words with neither mark are the same in both.</p>
</div>
${paragraphs || "<p>Both texts are empty.</p>"}
</body>
</html>
`;
}

/** How one side of the comparison is named in the export. */
export function sideLabel(side: TCompareSide): string {
  if (side.kind === "current") return `the current text (${utc(side.at)})`;
  const { version } = side;
  const by = version.createdBy ? `, saved by ${version.createdBy.name}` : "";
  return version.name
    ? `version “${version.name}” (${utc(version.createdAt)}${by})`
    : `the automatic version of ${utc(version.createdAt)}`;
}

function utc(at: string): string {
  return `${at.slice(0, 16).replace("T", " ")} UTC`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
