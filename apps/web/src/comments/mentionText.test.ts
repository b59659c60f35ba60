import { describe, expect, it } from "vitest";
import { bodyParts, mentionQuery, toStoredBody, toTypedBody } from "./mentionText";

const ana = { id: "u1", name: "Ana" };
const anaMaria = { id: "u2", name: "Ana María" };

describe("mention text", () => {
  it("finds the @query before the caret, not an email address", () => {
    expect(mentionQuery("Thanks @An", 10)).toEqual({ start: 7, query: "An" });
    expect(mentionQuery("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQuery("write to ana@example.org", 24)).toBeNull();
  });

  it("stores picked people by id and shows them by name again", () => {
    const stored = toStoredBody("@Ana María and @Ana, see this ", [ana, anaMaria]);
    expect(stored).toBe("<@u2> and <@u1>, see this");
    expect(toTypedBody(stored, [ana, anaMaria])).toBe("@Ana María and @Ana, see this");
    expect(bodyParts(stored, [ana])).toEqual([
      { text: "<@u2> and " },
      { person: ana },
      { text: ", see this" },
    ]);
  });
});
