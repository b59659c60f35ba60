import { describe, expect, it } from "vitest";
import { ZCreateInvitation, ZDocumentId, ZId, ZPresenceReport, ZUpdateCall } from "./schemas.js";

const LOWER = "0190d0e2-6f3a-4b8c-9d1e-2f3a4b5c6d7e";
const UPPER = LOWER.toUpperCase();

describe("ids", () => {
  it("are read into lower case, so maps and rooms keyed on them see one spelling", () => {
    expect(ZId.parse(UPPER)).toBe(LOWER);
    expect(ZDocumentId.parse(UPPER)).toBe(LOWER);
    expect(ZId.safeParse("not-a-uuid").success).toBe(false);
  });

  it("are lower case in every body field that holds one", () => {
    expect(ZCreateInvitation.parse({ role: "viewer", documentId: UPPER }).documentId).toBe(LOWER);
    expect(ZUpdateCall.parse({ draftId: UPPER }).draftId).toBe(LOWER);
    expect(
      ZPresenceReport.parse({ connectionId: "tab-12345", documentId: UPPER, status: "room", timeZone: "UTC" })
        .documentId,
    ).toBe(LOWER);
  });
});
