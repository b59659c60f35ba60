import { describe, expect, it } from "vitest";
import { ZCreateCall, ZDeadline, ZUpdateCall, ZVenueTimeZone } from "./schemas.js";

describe("call schemas", () => {
  it("keeps an instant with its offset, as UTC", () => {
    expect(ZDeadline.parse("2025-03-04T15:00:00+01:00")).toBe("2025-03-04T14:00:00.000Z");
    expect(ZDeadline.parse("2025-03-04T15:00:00Z")).toBe("2025-03-04T15:00:00.000Z");
  });

  it("refuses a date that does not exist, one without an offset and one out of range", () => {
    expect(ZDeadline.safeParse("2025-02-30T10:00:00Z").success).toBe(false);
    expect(ZDeadline.safeParse("2025-03-04T15:00:00").success).toBe(false);
    expect(ZDeadline.safeParse("tomorrow").success).toBe(false);
    expect(ZDeadline.safeParse("1999-12-31T10:00:00Z").success).toBe(false);
    expect(ZDeadline.safeParse("2024-02-29T10:00:00Z").success).toBe(true);
  });

  it("takes IANA zones only", () => {
    for (const zone of ["Europe/Zurich", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT+3"]) {
      expect(ZVenueTimeZone.safeParse(zone).success, zone).toBe(true);
    }
    for (const zone of ["Geneva", "Europe/Geneva", "+01:00", "", "Mars/Olympus_Mons"]) {
      expect(ZVenueTimeZone.safeParse(zone).success, zone).toBe(false);
    }
  });

  it("refuses a call that both links and creates a draft, and a change of nothing", () => {
    const call = {
      forum: "HRC 61",
      agendaItem: "Item 3",
      deadline: "2025-03-04T15:00:00Z",
      venueTimeZone: "Europe/Zurich",
    };
    expect(ZCreateCall.parse(call)).toMatchObject({ status: "drafting", speakerId: null, draftId: null });
    const both = { ...call, draftId: crypto.randomUUID(), draft: { language: "en", limitSeconds: 90 } };
    expect(ZCreateCall.safeParse(both).success).toBe(false);
    expect(ZUpdateCall.safeParse({}).success).toBe(false);
    expect(ZUpdateCall.safeParse({ status: "sent" }).success).toBe(false);
  });
});
