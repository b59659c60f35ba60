import type { JSONContent } from "@tiptap/core";

/** Name of the mark that keeps text out of what is read aloud. */
export const STAGE_NOTE_MARK = "stageNote";

/** Blocks read as one paragraph each (their inline text joined). */
const TEXT_BLOCKS = new Set(["paragraph", "heading"]);

/**
 * The paragraphs a speaker reads aloud, in document order, from the
 * editor's JSON: each paragraph or heading (also inside lists and quotes)
 * becomes one string; text marked as a stage note is left out; a hard
 * break counts as a space. Empty paragraphs are kept (as ""), so paragraph
 * i of the estimate is block i of the document. `skipCoverPage` leaves out
 * what comes before the first top-level horizontal rule (for word limits
 * where the cover page does not count).
 */
export function readAloudParagraphs(doc: JSONContent, options: { skipCoverPage?: boolean } = {}): string[] {
  const paragraphs: string[] = [];
  // The cover page is what comes before the first top-level horizontal rule.
  const blocks = doc.content ?? [];
  const rule = blocks.findIndex((block) => block.type === "horizontalRule");
  if (options.skipCoverPage && rule >= 0) {
    for (const block of blocks.slice(rule + 1)) visitInto(block, paragraphs, false);
    return paragraphs;
  }
  visitInto(doc, paragraphs, false);
  return paragraphs;
}

/**
 * Every paragraph's whole text, stage notes included, in document order
 * (a hard break counts as a space): what versions store and compare.
 */
export function textParagraphs(doc: JSONContent): string[] {
  const paragraphs: string[] = [];
  visitInto(doc, paragraphs, true);
  return paragraphs;
}

function visitInto(node: JSONContent, paragraphs: string[], withStageNotes: boolean): void {
  if (node.type && TEXT_BLOCKS.has(node.type)) {
    paragraphs.push(inlineText(node, withStageNotes));
    return;
  }
  for (const child of node.content ?? []) visitInto(child, paragraphs, withStageNotes);
}

function inlineText(block: JSONContent, withStageNotes: boolean): string {
  let text = "";
  for (const inline of block.content ?? []) {
    if (inline.type === "hardBreak") text += " ";
    else if (
      inline.type === "text" &&
      (withStageNotes || !inline.marks?.some((mark) => mark.type === STAGE_NOTE_MARK))
    ) {
      text += inline.text ?? "";
    }
  }
  return text;
}
