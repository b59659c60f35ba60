/**
 * Where the speaker is reading, and how to keep it still while the text
 * changes around it. Pure: the delivery view measures the paragraphs and
 * asks these functions what to do.
 */

/** A paragraph's vertical extent in viewport coordinates (getBoundingClientRect). */
export interface TBox {
  top: number;
  bottom: number;
}

/** How far down the screen the reading line sits: a third of the way into the text area. */
export const READING_LINE_FRACTION = 1 / 3;

/** The reading line's y, in viewport coordinates, below a bar `topInset` pixels high. */
export function readingLineY(viewportHeight: number, topInset: number): number {
  return topInset + Math.max(0, viewportHeight - topInset) * READING_LINE_FRACTION;
}

/**
 * The paragraph the speaker is on: the one the reading line crosses, or,
 * in the gap between two, the one above it (still being finished). Before
 * the first paragraph it is the first; -1 when there are none. `boxes` are
 * in document order, so a binary search finds it in long texts.
 */
export function paragraphAtLine(boxes: readonly TBox[], line: number): number {
  if (boxes.length === 0) return -1;
  let low = 0;
  let high = boxes.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((boxes[middle] as TBox).top <= line) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * Which paragraphs an edit replaced: in the old list, `from` to `oldTo`
 * (exclusive) became `from` to `newTo` in the new one; all others are the
 * same paragraphs, shifted by `newTo - oldTo` after the change. Found by
 * the common start and end of the two lists, which is exact for the one
 * contiguous change a keystroke or a paste makes, and covers several
 * changes with one range. Null when nothing changed.
 */
export interface TChangedRange {
  from: number;
  oldTo: number;
  newTo: number;
}

export function changedRange<T>(
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean,
): TChangedRange | null {
  let from = 0;
  const shorter = Math.min(before.length, after.length);
  while (from < shorter && same(before[from] as T, after[from] as T)) from++;
  if (from === before.length && from === after.length) return null;
  let oldTo = before.length;
  let newTo = after.length;
  while (oldTo > from && newTo > from && same(before[oldTo - 1] as T, after[newTo - 1] as T)) {
    oldTo--;
    newTo--;
  }
  return { from, oldTo, newTo };
}

/**
 * Where paragraph `index` of the old list is in the new one. One that was
 * itself replaced maps to the paragraph now in its place (the last of the
 * replacement when it shrank), or to the one after a deletion; -1 only
 * when nothing is left.
 */
export function mapParagraph(index: number, range: TChangedRange | null, newLength: number): number {
  if (newLength === 0) return -1;
  if (!range || index < range.from) return Math.min(index, newLength - 1);
  if (index >= range.oldTo) return Math.min(index + range.newTo - range.oldTo, newLength - 1);
  const inside = Math.min(index, range.newTo - 1);
  return Math.min(Math.max(inside, range.from), newLength - 1);
}

/** The paragraph the reader was looking at, and where on screen it was. */
export interface TAnchor {
  index: number;
  top: number;
}

/**
 * How far to scroll (positive: down) after an update so the paragraph the
 * reader was on is back where it was. Text inserted above pushes it down
 * by exactly its height, and this scrolls by that much.
 */
export function scrollCorrection(
  anchor: TAnchor,
  range: TChangedRange | null,
  after: readonly TBox[],
): number {
  const index = mapParagraph(anchor.index, range, after.length);
  if (index < 0) return 0;
  return (after[index] as TBox).top - anchor.top;
}
