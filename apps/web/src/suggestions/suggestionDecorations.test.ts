import { colorForName } from "@caucus/shared";
import { documentExtensions } from "@caucus/shared/editor";
import { getSchema } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import type { TPlaced } from "./placement";
import { suggestionAuthors } from "./suggestionAuthors";
import { suggestionDecorations, type TSuggestionLabels } from "./suggestionDecorations";

const schema = getSchema(documentExtensions());
const doc = schema.node("doc", null, [
  schema.node("paragraph", null, [schema.text("The States shall protect.")]),
]);

/** Labels that record the name each suggestion is shown under. */
function recordingLabels(names: string[]): TSuggestionLabels {
  return {
    inserted: (name, text) => {
      names.push(name);
      return `${name}: +${text}`;
    },
    deleted: (name, text) => {
      names.push(name);
      return `${name}: -${text}`;
    },
    insertedBy: (name) => name,
    deletedBy: (name) => name,
    end: "",
  };
}

/** What a commenter's client can write: its own id, and anyone's name. */
const forged: TPlaced = {
  id: "s1",
  authorId: "u-carl",
  authorName: "Alice Owner",
  createdAt: "2026-12-06T00:00:00.000Z",
  from: "",
  to: "",
  insert: "Member ",
  pos: { from: 5, to: 12 },
};

describe("suggestionDecorations", () => {
  it("names the author from their id, in their colour, never from the name the suggestion carries", () => {
    const names: string[] = [];
    const people = new Map([
      ["u-alice", "Alice Owner"],
      ["u-carl", "Carl Commenter"],
    ]);
    const set = suggestionDecorations(
      doc,
      [forged],
      recordingLabels(names),
      suggestionAuthors(people, "A former member"),
    );
    expect(names).toEqual(["Carl Commenter", "Carl Commenter"]);
    const struck = set.find().find((decoration) => decoration.from === 5 && decoration.to === 12);
    const attrs = (struck as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
    expect(attrs["data-suggestion-author"]).toBe("Carl Commenter");
    expect(attrs.style).toBe(`--suggestion-color: ${colorForName("Carl Commenter")}`);
  });

  it("shows an author nobody known has with the neutral label", () => {
    const names: string[] = [];
    suggestionDecorations(
      doc,
      [forged],
      recordingLabels(names),
      suggestionAuthors(new Map(), "A former member"),
    );
    expect(names).toEqual(["A former member", "A former member"]);
  });
});
