import { describe, expect, it } from "vitest";
import { defaultLimitMode, meterShown } from "./meterShown";

describe("meterShown", () => {
  it("always for what is read aloud, for the rest only once a limit is set", () => {
    expect(meterShown("intervention", false)).toBe(true);
    expect(meterShown("statement", false)).toBe(true);
    for (const kind of ["letter", "analysis", "notes", null] as const) {
      expect(meterShown(kind, false), String(kind)).toBe(false);
      expect(meterShown(kind, true), String(kind)).toBe(true);
    }
  });

  it("starts written kinds on a word limit and spoken ones on a time limit", () => {
    expect(defaultLimitMode("letter")).toBe("words");
    expect(defaultLimitMode("analysis")).toBe("words");
    expect(defaultLimitMode("intervention")).toBe("time");
    expect(defaultLimitMode("notes")).toBe("time");
  });
});
