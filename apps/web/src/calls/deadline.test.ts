import { describe, expect, it } from "vitest";
import {
  countdown,
  formatDeadline,
  instantToWallTime,
  isKnownTimeZone,
  wallTimeToInstant,
  zoneOffsetMinutes,
} from "./deadline";

const at = (iso: string) => new Date(iso).getTime();

describe("venue clocks", () => {
  it("knows each zone's offset, daylight saving included", () => {
    expect(zoneOffsetMinutes(at("2025-03-04T14:00:00Z"), "Europe/Zurich")).toBe(60);
    expect(zoneOffsetMinutes(at("2025-07-04T14:00:00Z"), "Europe/Zurich")).toBe(120);
    expect(zoneOffsetMinutes(at("2025-07-04T14:00:00Z"), "America/New_York")).toBe(-240);
    expect(zoneOffsetMinutes(at("2025-07-04T14:00:00Z"), "Asia/Kolkata")).toBe(330);
  });

  it("turns the venue's wall time into the instant, and back", () => {
    expect(wallTimeToInstant("2025-03-04T15:00", "Europe/Zurich")).toBe(at("2025-03-04T14:00:00Z"));
    expect(wallTimeToInstant("2025-07-04T15:00", "Europe/Zurich")).toBe(at("2025-07-04T13:00:00Z"));
    expect(wallTimeToInstant("2025-09-10T10:00", "America/New_York")).toBe(at("2025-09-10T14:00:00Z"));
    expect(instantToWallTime(at("2025-03-04T14:00:00Z"), "Africa/Nairobi")).toBe("2025-03-04T17:00");
    expect(instantToWallTime(at("2025-03-04T14:00:00Z"), "America/Santiago")).toBe("2025-03-04T11:00");
  });

  it("reads the hour repeated when clocks go back as its first, and the skipped hour with the old offset", () => {
    // Geneva, 26 October 2025: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
    expect(wallTimeToInstant("2025-10-26T02:30", "Europe/Zurich")).toBe(at("2025-10-26T00:30:00Z"));
    // 30 March 2025: 02:00 CET jumps to 03:00 CEST; 02:30 never shows on a clock.
    expect(wallTimeToInstant("2025-03-30T02:30", "Europe/Zurich")).toBe(at("2025-03-30T01:30:00Z"));
  });

  it("refuses what is not a time of day on a real date", () => {
    expect(wallTimeToInstant("2025-02-30T10:00", "Europe/Zurich")).toBeNull();
    expect(wallTimeToInstant("2025-03-04T24:30", "Europe/Zurich")).toBeNull();
    expect(wallTimeToInstant("", "Europe/Zurich")).toBeNull();
  });

  it("accepts IANA zones only", () => {
    expect(isKnownTimeZone("Europe/Zurich")).toBe(true);
    expect(isKnownTimeZone("UTC")).toBe(true);
    expect(isKnownTimeZone("Europe/Geneva")).toBe(false);
    expect(isKnownTimeZone("+01:00")).toBe(false);
  });

  it("shows one instant on the venue's clock and on the reader's, in the reader's language", () => {
    const deadline = "2025-03-04T14:00:00.000Z";
    const venue = formatDeadline(deadline, "en-GB", "Europe/Zurich");
    expect(venue).toContain("15:00");
    expect(venue).toMatch(/CET|GMT\+1/);
    const manila = formatDeadline(deadline, "en-GB", "Asia/Manila");
    expect(manila).toContain("22:00");
    expect(formatDeadline(deadline, "es", "America/Santiago")).toContain("11:00");
  });
});

describe("countdown", () => {
  const deadline = "2025-03-04T14:00:00.000Z";

  it("counts whole minutes, rounding up while the deadline is ahead", () => {
    expect(countdown(deadline, at("2025-03-04T13:40:00Z"), "en")).toEqual({
      text: "in 20 min.",
      past: false,
    });
    expect(countdown(deadline, at("2025-03-04T13:59:30Z"), "en")?.text).toBe("in 1 min.");
    expect(countdown(deadline, at("2025-03-04T14:05:00Z"), "en")).toEqual({ text: "5 min. ago", past: true });
    expect(countdown(deadline, at("2025-03-04T13:40:00Z"), "es")?.text).toBe("dentro de 20 min");
  });

  it("switches to hours past 90 minutes and says nothing beyond three hours", () => {
    expect(countdown(deadline, at("2025-03-04T11:30:00Z"), "en")?.text).toBe("in 3 hr.");
    expect(countdown(deadline, at("2025-03-04T10:59:00Z"), "en")).toBeNull();
  });
});
