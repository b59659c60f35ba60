import { describe, expect, it } from "vitest";
import {
  changedRange,
  mapParagraph,
  paragraphAtLine,
  readingLineY,
  scrollCorrection,
} from "./readingPosition";

const boxes = (...tops: number[]) => tops.map((top, i) => ({ top, bottom: (tops[i + 1] ?? top + 100) - 10 }));
const same = (a: string, b: string) => a === b;

describe("the reading line", () => {
  it("sits a third of the way into the text below the bar", () => {
    expect(readingLineY(900, 0)).toBe(300);
    expect(readingLineY(660, 60)).toBe(260);
    expect(readingLineY(40, 60)).toBe(60);
  });
});

describe("paragraphAtLine", () => {
  it("is the paragraph the line crosses, the one above in a gap, the first before the text", () => {
    const text = boxes(-500, -200, 100, 400, 800);
    expect(paragraphAtLine(text, 300)).toBe(2);
    expect(paragraphAtLine(text, 395)).toBe(2);
    expect(paragraphAtLine(text, 400)).toBe(3);
    expect(paragraphAtLine(text, -900)).toBe(0);
    expect(paragraphAtLine(text, 5000)).toBe(4);
    expect(paragraphAtLine([], 300)).toBe(-1);
  });

  it("agrees with a straight scan on a long text", () => {
    const tops = Array.from({ length: 1000 }, (_, i) => i * 37 - 20_000);
    const text = boxes(...tops);
    for (const line of [-30_000, -20_000, -1, 0, 123, 9_999, 40_000]) {
      const scan = Math.max(
        0,
        tops.findLastIndex((top) => top <= line),
      );
      expect(paragraphAtLine(text, line), String(line)).toBe(scan);
    }
  });
});

describe("changedRange", () => {
  it("finds an insertion, an edit, a deletion, or nothing", () => {
    expect(changedRange(["a", "b", "c"], ["a", "x", "b", "c"], same)).toEqual({
      from: 1,
      oldTo: 1,
      newTo: 2,
    });
    expect(changedRange(["a", "b", "c"], ["a", "B", "c"], same)).toEqual({ from: 1, oldTo: 2, newTo: 2 });
    expect(changedRange(["a", "b", "c"], ["a", "c"], same)).toEqual({ from: 1, oldTo: 2, newTo: 1 });
    expect(changedRange(["a", "b"], ["a", "b"], same)).toBeNull();
    expect(changedRange([], ["a"], same)).toEqual({ from: 0, oldTo: 0, newTo: 1 });
  });

  it("does not count a repeated paragraph twice", () => {
    expect(changedRange(["a", "a"], ["a", "a", "a"], same)).toEqual({ from: 2, oldTo: 2, newTo: 3 });
  });
});

describe("keeping the reader's place", () => {
  it("maps paragraphs across an insertion above, an edit of their own, and a deletion", () => {
    const inserted = { from: 2, oldTo: 2, newTo: 5 };
    expect(mapParagraph(1, inserted, 13)).toBe(1);
    expect(mapParagraph(7, inserted, 13)).toBe(10);
    const edited = { from: 4, oldTo: 5, newTo: 5 };
    expect(mapParagraph(4, edited, 10)).toBe(4);
    const deleted = { from: 2, oldTo: 4, newTo: 2 };
    expect(mapParagraph(3, deleted, 8)).toBe(2);
    expect(mapParagraph(6, deleted, 8)).toBe(4);
    expect(mapParagraph(0, deleted, 0)).toBe(-1);
  });

  it("scrolls down by the height of what was inserted above", () => {
    // The reader is on paragraph 5 at y=240 (paragraphs 90px apart); three go in above it.
    const after = boxes(...Array.from({ length: 13 }, (_, i) => 240 - 5 * 90 + i * 90));
    const correction = scrollCorrection({ index: 5, top: 240 }, { from: 1, oldTo: 1, newTo: 4 }, after);
    expect(correction).toBe(270);
    // Scrolling by it brings paragraph 8 (the old 5) back to 240.
    expect((after[8]?.top ?? 0) - correction).toBe(240);
  });

  it("does nothing when the change is below the reader", () => {
    const after = boxes(0, 100, 200, 300);
    expect(scrollCorrection({ index: 1, top: 100 }, { from: 3, oldTo: 3, newTo: 4 }, after)).toBe(0);
  });
});
