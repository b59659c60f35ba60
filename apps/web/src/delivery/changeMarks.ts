import { mapParagraph, type TChangedRange } from "./readingPosition";

/**
 * A paragraph a co-drafter changed while the speaker had the text open.
 * It flashes once, then keeps a marker until the reader has passed it.
 */
export interface TChangeMark {
  /** Paragraph index (paragraphs and headings in document order). */
  index: number;
  /**
   * The reader has been on it or above it since it changed, so moving
   * below it means they have read the new wording. A change above the
   * reader starts unarmed: it stays marked until they go back over it.
   */
  armed: boolean;
  /** Which change made it; the flash alternates between two animations so a second change replays it. */
  generation: number;
}

/** Marks after an edit: the old ones moved with their paragraphs, the edited ones marked afresh. */
export function markChange(
  marks: readonly TChangeMark[],
  range: TChangedRange,
  newLength: number,
  readerAt: number,
  generation: number,
): TChangeMark[] {
  const kept: TChangeMark[] = [];
  for (const mark of marks) {
    // A mark inside the replaced stretch is replaced by the fresh marks below.
    if (mark.index >= range.from && mark.index < range.oldTo) continue;
    kept.push({ ...mark, index: mapParagraph(mark.index, range, newLength) });
  }
  // A stretch deleted outright leaves nothing to flash but the paragraph now in its place.
  const to = range.newTo > range.from ? range.newTo : Math.min(range.from + 1, newLength);
  const fresh: TChangeMark[] = [];
  for (let index = range.from; index < to; index++) {
    fresh.push({ index, armed: readerAt <= index, generation });
  }
  return [...kept.filter((mark) => mark.index < range.from || mark.index >= to), ...fresh].sort(
    (a, b) => a.index - b.index,
  );
}

/** Marks after the reader moved to paragraph `readerAt`: armed ones they are now below are done. */
export function passMarks(marks: readonly TChangeMark[], readerAt: number): TChangeMark[] {
  let changed = false;
  const next: TChangeMark[] = [];
  for (const mark of marks) {
    if (mark.armed && readerAt > mark.index) {
      changed = true;
      continue;
    }
    if (!mark.armed && readerAt <= mark.index) {
      changed = true;
      next.push({ ...mark, armed: true });
      continue;
    }
    next.push(mark);
  }
  return changed ? next : (marks as TChangeMark[]);
}
