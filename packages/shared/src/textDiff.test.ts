import { describe, expect, it } from "vitest";
import { diffText, type TTextDiff } from "./textDiff.js";

/** The diff as one line per paragraph: `[-deleted-]` and `{+inserted+}` inline. */
function marked(diff: TTextDiff): string[] {
  return diff.paragraphs.map((paragraph) =>
    paragraph.pieces
      .map((piece) =>
        piece.change === "inserted"
          ? `{+${piece.text}+}`
          : piece.change === "deleted"
            ? `[-${piece.text}-]`
            : piece.text,
      )
      .join(""),
  );
}

/** What the old and the new text were, read back from the diff. */
function sides(diff: TTextDiff): { before: string[]; after: string[] } {
  const side = (skip: "inserted" | "deleted") =>
    diff.paragraphs
      .filter((paragraph) => paragraph.change !== skip)
      .map((paragraph) =>
        paragraph.pieces
          .filter((piece) => piece.change !== skip)
          .map((piece) => piece.text)
          .join(""),
      );
  return { before: side("inserted"), after: side("deleted") };
}

describe("diffText", () => {
  it("marks an inserted word", () => {
    const diff = diffText(["We urge the committee to act."], ["We urge the committee to act now."]);
    expect(marked(diff)).toEqual(["We urge the committee to act {+now+}."]);
    expect(diff).toMatchObject({ insertedWords: 1, deletedWords: 0 });
    expect(diff.paragraphs[0]?.change).toBe("changed");
  });

  it("marks a deleted word", () => {
    const diff = diffText(["We urge the committee to act now."], ["We urge the committee to act."]);
    expect(marked(diff)).toEqual(["We urge the committee to act[- now-]."]);
    expect(diff).toMatchObject({ insertedWords: 0, deletedWords: 1 });
  });

  it("shows a replaced word as deleted then inserted", () => {
    const diff = diffText(["States must protect journalists."], ["States shall protect journalists."]);
    expect(marked(diff)).toEqual(["States [-must-]{+shall+} protect journalists."]);
    expect(diff).toMatchObject({ insertedWords: 1, deletedWords: 1 });
  });

  it("marks punctuation on its own, without counting it as words", () => {
    const diff = diffText(["Article 5, as drafted, is too broad."], ["Article 5 as drafted is too broad!"]);
    expect(marked(diff)).toEqual(["Article 5[-,-] as drafted[-,-] is too broad[-.-]{+!+}"]);
    expect(diff).toMatchObject({ insertedWords: 0, deletedWords: 0 });
  });

  it("compares Arabic word by word", () => {
    const diff = diffText(["نحن نحث اللجنة على التحرك"], ["نحن نحث اللجنة على التحرك الآن"], "ar");
    expect(marked(diff)).toEqual(["نحن نحث اللجنة على التحرك {+الآن+}"]);
    expect(diff.insertedWords).toBe(1);
  });

  it("compares Chinese word by word although it has no spaces", () => {
    const diff = diffText(["我们敦促委员会采取行动。"], ["我们敦促委员会立即采取行动。"], "zh");
    expect(marked(diff)).toEqual(["我们敦促委员会{+立即+}采取行动。"]);
    expect(diff.insertedWords).toBe(1);
  });

  it("shows every paragraph inserted against an empty text, and deleted the other way", () => {
    const added = diffText([], ["Hello world.", "", "Second."]);
    expect(marked(added)).toEqual(["{+Hello world.+}", "{+Second.+}"]);
    expect(added.paragraphs.map((paragraph) => paragraph.change)).toEqual(["inserted", "inserted"]);
    expect(added.insertedWords).toBe(3);
    const removed = diffText(["Hello world."], [""]);
    expect(marked(removed)).toEqual(["[-Hello world.-]"]);
    expect(removed.deletedWords).toBe(2);
  });

  it("finds nothing between identical texts (and between two empty ones)", () => {
    const diff = diffText(["Same text.", "Second."], ["Same text.", "Second."]);
    expect(diff.paragraphs.every((paragraph) => paragraph.change === "same")).toBe(true);
    expect(diff).toMatchObject({ insertedWords: 0, deletedWords: 0 });
    expect(diffText([], [""])).toEqual({ paragraphs: [], insertedWords: 0, deletedWords: 0 });
  });

  it("keeps paragraphs: edits inside one, whole paragraphs removed and added beside it", () => {
    const diff = diffText(
      ["First para.", "Second para stays.", "Third one goes."],
      ["First paragraph.", "Second para stays.", "A new closing."],
    );
    expect(marked(diff)).toEqual([
      "First [-para-]{+paragraph+}.",
      "Second para stays.",
      "[-Third one goes.-]",
      "{+A new closing.+}",
    ]);
    expect(diff.paragraphs.map((paragraph) => paragraph.change)).toEqual([
      "changed",
      "same",
      "deleted",
      "inserted",
    ]);
  });

  it("pairs an edited paragraph with its old self when a neighbour was removed", () => {
    const diff = diffText(["Alpha beta gamma.", "Delta epsilon zeta."], ["Delta epsilon zeta eta."]);
    expect(marked(diff)).toEqual(["[-Alpha beta gamma.-]", "Delta epsilon zeta {+eta+}."]);
  });

  it("gives back the new text exactly, and the old one but for spacing", () => {
    // diffWords ignores whitespace, so kept words carry the new text's spaces.
    const before = ["We, the undersigned, call on States.", "Keep this.", "Gone."];
    const after = ["We, the undersigned organisations, call on all States.", "Keep this.", "New ending."];
    const read = sides(diffText(before, after));
    expect(read.after).toEqual(after);
    const words = (text: string) => text.replaceAll(/\s+/g, " ").replaceAll(" ,", ",");
    expect(read.before.map(words)).toEqual(before);
  });
});
