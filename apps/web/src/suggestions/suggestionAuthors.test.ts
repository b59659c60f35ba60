import { colorForName } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { suggestionAuthors, UNKNOWN_AUTHOR_COLOR } from "./suggestionAuthors";

describe("suggestionAuthors", () => {
  const people = new Map([
    ["u-alice", "Alice Owner"],
    ["u-carl", "Carl Commenter"],
  ]);
  const authorOf = suggestionAuthors(people, "A former member");

  it("names a member by the id, in that member's caret colour", () => {
    expect(authorOf("u-carl")).toEqual({ name: "Carl Commenter", color: colorForName("Carl Commenter") });
  });

  it("never takes the name a suggestion carries: a commenter signing as the owner is still shown as the commenter", () => {
    // What a commenter's client can write: its own id, anyone's name.
    const forged = { authorId: "u-carl", authorName: "Alice Owner" };
    expect(authorOf(forged.authorId).name).toBe("Carl Commenter");
    expect(authorOf(forged.authorId).color).not.toBe(colorForName("Alice Owner"));
  });

  it("shows an id nobody known has with the neutral label, in grey", () => {
    expect(authorOf("u-gone")).toEqual({ name: "A former member", color: UNKNOWN_AUTHOR_COLOR });
  });
});
