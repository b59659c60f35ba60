import { describe, expect, it } from "vitest";
import { CARET_PALETTE, colorForName, normalizeName } from "./identity";

describe("colorForName", () => {
  it("gives a name the same palette colour every time, ignoring case and spaces", () => {
    const color = colorForName("Amina Yusuf");
    expect(CARET_PALETTE).toContain(color);
    expect(colorForName(" amina yusuf ")).toBe(color);
  });

  it("spreads different names over the palette", () => {
    const names = ["Ana", "Bilal", "Chen", "Dolores", "Esi", "Farid", "Grace", "Hana", "Iván", "Jomo"];
    expect(new Set(names.map(colorForName)).size).toBeGreaterThan(3);
  });
});

describe("normalizeName", () => {
  it("collapses whitespace and bounds the length", () => {
    expect(normalizeName("  Rosa   María ")).toBe("Rosa María");
    expect(normalizeName("x".repeat(100))).toHaveLength(40);
  });
});
