import { describe, expect, it } from "vitest";
import { markChange, passMarks, type TChangeMark } from "./changeMarks";

describe("marking changed paragraphs", () => {
  it("marks inserted paragraphs and moves older marks below them", () => {
    const before: TChangeMark[] = [{ index: 6, armed: true, generation: 1 }];
    const after = markChange(before, { from: 2, oldTo: 2, newTo: 4 }, 12, 5, 2);
    expect(after).toEqual([
      { index: 2, armed: false, generation: 2 },
      { index: 3, armed: false, generation: 2 },
      { index: 8, armed: true, generation: 1 },
    ]);
  });

  it("re-marks a paragraph edited again, with the new generation", () => {
    const before: TChangeMark[] = [{ index: 4, armed: true, generation: 1 }];
    expect(markChange(before, { from: 4, oldTo: 5, newTo: 5 }, 10, 0, 2)).toEqual([
      { index: 4, armed: true, generation: 2 },
    ]);
  });

  it("marks the paragraph that takes the place of a deleted one", () => {
    expect(markChange([], { from: 3, oldTo: 5, newTo: 3 }, 8, 0, 1)).toEqual([
      { index: 3, armed: true, generation: 1 },
    ]);
    expect(markChange([], { from: 3, oldTo: 4, newTo: 3 }, 3, 0, 1)).toEqual([]);
  });
});

describe("passing marks", () => {
  it("clears a mark once the reader has gone over it, not before", () => {
    const below: TChangeMark[] = [{ index: 7, armed: true, generation: 1 }];
    expect(passMarks(below, 7)).toBe(below);
    expect(passMarks(below, 8)).toEqual([]);
  });

  it("keeps a change above the reader until they go back up to it and read on past it", () => {
    let marks: TChangeMark[] = [{ index: 2, armed: false, generation: 1 }];
    marks = passMarks(marks, 9);
    expect(marks).toHaveLength(1);
    marks = passMarks(marks, 2);
    expect(marks).toEqual([{ index: 2, armed: true, generation: 1 }]);
    marks = passMarks(marks, 3);
    expect(marks).toEqual([]);
  });
});
