import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration";

describe("parseDuration", () => {
  it("reads m:ss and whole minutes", () => {
    expect(parseDuration("1:30")).toBe(90);
    expect(parseDuration(" 2:05 ")).toBe(125);
    expect(parseDuration("3")).toBe(180);
    expect(parseDuration("0:01")).toBe(1);
    expect(parseDuration("60:00")).toBe(3600);
  });

  it("refuses what is not a limit", () => {
    for (const typed of ["", "0:00", "0", "1:60", "1:5", "abc", "1:30:00", "-1:00", "60:01", "1.5"]) {
      expect(parseDuration(typed), typed).toBeNull();
    }
  });
});
