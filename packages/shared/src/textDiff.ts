import { diffArrays, diffWords } from "diff";
import { countWords, wordSegmenter } from "./speakingTime.js";

/**
 * A word-level comparison of two texts that keeps their paragraphs, for
 * the versions' compare view and its export. jsdiff does the diffing: first
 * of whole paragraphs (so unchanged ones cost nothing), then, inside a run
 * of changed paragraphs, of words between the paragraphs that still
 * resemble each other. Words are split by `Intl.Segmenter`, so Chinese
 * (written without spaces) is compared word by word, not as one token.
 */

/** What happened to a stretch of text. */
export type TDiffChange = "same" | "inserted" | "deleted";

export interface TDiffPiece {
  change: TDiffChange;
  text: string;
}

/** A paragraph of the comparison: kept, edited inside, added whole or removed whole. */
export interface TDiffParagraph {
  change: "same" | "changed" | "inserted" | "deleted";
  pieces: TDiffPiece[];
}

export interface TTextDiff {
  paragraphs: TDiffParagraph[];
  insertedWords: number;
  deletedWords: number;
}

/** Changed paragraphs are paired only when this share of their words is common (Dice coefficient). */
const MIN_SIMILARITY = 0.4;
/** Past this many removed × added paragraphs in one run, they are shown removed and added whole. */
const MAX_PAIRING_CELLS = 10_000;
/** Past this many word edits in one paragraph, it is shown removed and added whole (bounds the time). */
const MAX_EDIT_LENGTH = 2_000;

/**
 * Compares `before` with `after`, each a list of paragraphs (plain text).
 * Empty paragraphs are spacing, not text, and are left out. `language`
 * (a BCP 47 tag) picks the word segmenter and how words are counted.
 */
export function diffText(before: readonly string[], after: readonly string[], language = "en"): TTextDiff {
  const oldParagraphs = before.filter((paragraph) => paragraph.trim() !== "");
  const newParagraphs = after.filter((paragraph) => paragraph.trim() !== "");
  const result: TTextDiff = { paragraphs: [], insertedWords: 0, deletedWords: 0 };
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    if (removed.length > 0 || added.length > 0) {
      for (const paragraph of pairRun(removed, added, language)) result.paragraphs.push(paragraph);
    }
    removed = [];
    added = [];
  };
  for (const block of diffArrays(oldParagraphs, newParagraphs)) {
    if (block.removed) removed.push(...block.value);
    else if (block.added) added.push(...block.value);
    else {
      flush();
      for (const text of block.value)
        result.paragraphs.push({ change: "same", pieces: [{ change: "same", text }] });
    }
  }
  flush();
  for (const paragraph of result.paragraphs) {
    for (const piece of paragraph.pieces) {
      if (piece.change === "inserted") result.insertedWords += countWords(piece.text, language);
      if (piece.change === "deleted") result.deletedWords += countWords(piece.text, language);
    }
  }
  return result;
}

/**
 * One run of removed and added paragraphs between unchanged ones: pairs
 * those that resemble each other (in order, the best total resemblance)
 * and diffs their words; the rest are removed or added whole.
 */
function pairRun(removed: string[], added: string[], language: string): TDiffParagraph[] {
  const pairs = removed.length * added.length <= MAX_PAIRING_CELLS ? bestPairs(removed, added, language) : [];
  const out: TDiffParagraph[] = [];
  let i = 0;
  let j = 0;
  for (const [pairI, pairJ] of [...pairs, [removed.length, added.length] as const]) {
    for (; i < pairI; i++) out.push(whole("deleted", removed[i] as string));
    for (; j < pairJ; j++) out.push(whole("inserted", added[j] as string));
    if (pairI < removed.length && pairJ < added.length) {
      out.push(diffParagraph(removed[pairI] as string, added[pairJ] as string, language));
      i++;
      j++;
    }
  }
  return out;
}

/** Index pairs (removed, added) in order that maximise the summed similarity, by dynamic programming. */
function bestPairs(removed: string[], added: string[], language: string): (readonly [number, number])[] {
  const oldWords = removed.map((text) => words(text, language));
  const newWords = added.map((text) => words(text, language));
  const rows = removed.length + 1;
  const cols = added.length + 1;
  const score = new Float64Array(rows * cols);
  const similar = new Float64Array(rows * cols);
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const sim = similarity(oldWords[i - 1] as string[], newWords[j - 1] as string[]);
      similar[i * cols + j] = sim;
      const diagonal = sim >= MIN_SIMILARITY ? (score[(i - 1) * cols + j - 1] as number) + sim : 0;
      score[i * cols + j] = Math.max(
        score[(i - 1) * cols + j] as number,
        score[i * cols + j - 1] as number,
        diagonal,
      );
    }
  }
  const pairs: (readonly [number, number])[] = [];
  let i = rows - 1;
  let j = cols - 1;
  while (i > 0 && j > 0) {
    const here = score[i * cols + j] as number;
    const sim = similar[i * cols + j] as number;
    if (sim >= MIN_SIMILARITY && here === (score[(i - 1) * cols + j - 1] as number) + sim) {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (here === score[(i - 1) * cols + j]) i--;
    else j--;
  }
  return pairs.reverse();
}

/** The word-level diff of two versions of one paragraph. */
function diffParagraph(before: string, after: string, language: string): TDiffParagraph {
  const changes = diffWords(before, after, {
    intlSegmenter: wordSegmenter(language),
    maxEditLength: MAX_EDIT_LENGTH,
  });
  if (!changes) {
    return {
      change: "changed",
      pieces: [
        { change: "deleted", text: before },
        { change: "inserted", text: after },
      ],
    };
  }
  const pieces: TDiffPiece[] = [];
  for (const part of changes) {
    const change: TDiffChange = part.added ? "inserted" : part.removed ? "deleted" : "same";
    const last = pieces[pieces.length - 1];
    if (last && last.change === change) last.text += part.value;
    else if (part.value !== "") pieces.push({ change, text: part.value });
  }
  return { change: "changed", pieces };
}

function whole(change: "inserted" | "deleted", text: string): TDiffParagraph {
  return { change, pieces: [{ change, text }] };
}

function words(text: string, language: string): string[] {
  const out: string[] = [];
  for (const segment of wordSegmenter(language).segment(text.toLocaleLowerCase())) {
    if (segment.isWordLike) out.push(segment.segment);
  }
  return out;
}

/** Dice coefficient of two multisets of words: 1 for the same words, 0 for none in common. */
function similarity(a: string[], b: string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const word of a) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of b) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      common++;
      counts.set(word, left - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}
