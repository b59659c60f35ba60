import { describe, expect, it } from "vitest";
import { localTimeIn, placeOfTimeZone } from "./localTime";

describe("local time", () => {
  it("names the place of a time zone", () => {
    expect(placeOfTimeZone("Africa/Nairobi")).toBe("Nairobi");
    expect(placeOfTimeZone("America/Argentina/Buenos_Aires")).toBe("Buenos Aires");
    expect(placeOfTimeZone("UTC")).toBe("UTC");
  });

  it("gives the 24-hour time in the person's zone", () => {
    const at = new Date("2024-02-01T11:05:00Z");
    expect(localTimeIn("Africa/Nairobi", at, "en")).toBe("14:05");
    expect(localTimeIn("America/Santiago", at, "es")).toBe("08:05");
    expect(localTimeIn("Not/AZone", at, "en")).toBeNull();
  });
});
