import { describe, expect, it } from "vitest";
import { planSuggestion, type TPlacedSuggestion } from "./suggestionEdits.js";

const typed = (at: number, text: string) => ({ from: at, to: at, text, caret: at });
const backspace = (at: number) => ({ from: at - 1, to: at, text: "", caret: at });
const forwardDelete = (at: number) => ({ from: at, to: at + 1, text: "", caret: at });

/** Applies plans one after another, as the editor does, keeping the suggestions by id. */
function replay(edits: Parameters<typeof planSuggestion>[1][], start: TPlacedSuggestion[] = []) {
  let own = [...start];
  let caret = -1;
  let next = 0;
  for (const edit of edits) {
    const plan = planSuggestion(own, edit);
    if (!plan) continue;
    own = own.filter((s) => !plan.withdraw.includes(s.id));
    if (plan.add)
      own.push({ id: `n${next++}`, from: plan.add.from, to: plan.add.to, insert: plan.add.insert });
    caret = plan.caret;
  }
  return { own: own.map(({ from, to, insert }) => ({ from, to, insert })), caret };
}

describe("planSuggestion", () => {
  it("makes consecutive typing one insertion, keeping its anchors", () => {
    const first = planSuggestion([], typed(5, "M"));
    expect(first).toEqual({ withdraw: [], add: { from: 5, to: 5, insert: "M", anchorsOf: null }, caret: 5 });
    const own = [{ id: "a", from: 5, to: 5, insert: "M" }];
    expect(planSuggestion(own, typed(5, "e"))).toEqual({
      withdraw: ["a"],
      add: { from: 5, to: 5, insert: "Me", anchorsOf: "a" },
      caret: 5,
    });
    expect(replay([..."Member "].map((char) => typed(5, char))).own).toEqual([
      { from: 5, to: 5, insert: "Member " },
    ]);
  });

  it("pastes as one insertion, and typing elsewhere starts another", () => {
    expect(replay([typed(5, "Member States "), typed(20, "all")]).own).toEqual([
      { from: 5, to: 5, insert: "Member States " },
      { from: 20, to: 20, insert: "all" },
    ]);
  });

  it("shortens one's own insertion on Backspace and withdraws it when empty", () => {
    const own = [{ id: "a", from: 5, to: 5, insert: "Mé" }];
    expect(planSuggestion(own, backspace(5))).toEqual({
      withdraw: ["a"],
      add: { from: 5, to: 5, insert: "M", anchorsOf: "a" },
      caret: 5,
    });
    expect(replay([backspace(5), backspace(5)], own).own).toEqual([]);
  });

  it("strikes through original text on Backspace, growing one deletion leftwards", () => {
    const { own, caret } = replay([backspace(10), backspace(9), backspace(8)]);
    expect(own).toEqual([{ from: 7, to: 10, insert: "" }]);
    expect(caret).toBe(7);
  });

  it("grows a deletion rightwards on Delete, the caret following", () => {
    const { own, caret } = replay([forwardDelete(4), forwardDelete(5)]);
    expect(own).toEqual([{ from: 4, to: 6, insert: "" }]);
    expect(caret).toBe(6);
  });

  it("moves the caret over text already struck through instead of suggesting it again", () => {
    const own = [{ id: "d", from: 4, to: 10, insert: "" }];
    expect(planSuggestion(own, backspace(10))).toEqual({ withdraw: [], add: null, caret: 4 });
  });

  it("turns typing right after one's struck text into a replacement", () => {
    const { own } = replay([backspace(10), backspace(9), typed(8, "x"), typed(8, "y")]);
    // The caret sat at 8 after the Backspaces, the start of the struck text;
    // typing there is a separate insertion before it.
    expect(own).toEqual([
      { from: 8, to: 10, insert: "" },
      { from: 8, to: 8, insert: "xy" },
    ]);
    const struck = [{ id: "d", from: 4, to: 10, insert: "" }];
    expect(replay([typed(10, "new")], struck).own).toEqual([{ from: 4, to: 10, insert: "new" }]);
  });

  it("replaces a selection, then typing extends the replacement and Backspace shortens it", () => {
    const { own, caret } = replay([
      { from: 4, to: 10, text: "M", caret: null },
      typed(10, "S"),
      typed(10, "x"),
      backspace(10),
    ]);
    expect(own).toEqual([{ from: 4, to: 10, insert: "MS" }]);
    expect(caret).toBe(10);
    // Backspacing all of the replacement's text leaves a deletion.
    expect(replay([backspace(10), backspace(10)], [{ id: "r", from: 4, to: 10, insert: "MS" }]).own).toEqual([
      { from: 4, to: 10, insert: "" },
    ]);
  });

  it("absorbs one's own suggestions that a deletion or a replacement covers, and no one else's", () => {
    const own = [
      { id: "ins", from: 6, to: 6, insert: "big " },
      { id: "del", from: 12, to: 15, insert: "" },
    ];
    expect(planSuggestion(own, { from: 4, to: 13, text: "", caret: null })).toEqual({
      withdraw: ["ins", "del"],
      add: { from: 4, to: 15, insert: "big ", anchorsOf: null },
      caret: 4,
    });
    expect(planSuggestion(own, { from: 4, to: 13, text: "the", caret: null })).toEqual({
      withdraw: ["ins", "del"],
      add: { from: 4, to: 15, insert: "the", anchorsOf: null },
      caret: 15,
    });
    // An insertion at the very edge of a selection is not covered by it.
    expect(planSuggestion(own, { from: 6, to: 8, text: "x", caret: null })?.withdraw).toEqual([]);
  });

  it("suggests nothing for an empty edit", () => {
    expect(planSuggestion([], { from: 3, to: 3, text: "", caret: 3 })).toBeNull();
  });
});
