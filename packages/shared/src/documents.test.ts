import { describe, expect, it } from "vitest";
import { CloseCode, closeCodeName, FINAL_CLOSE_CODES } from "./closeCodes.js";
import { ZCreateDocument, ZDocumentId } from "./schemas.js";

describe("document schemas", () => {
  it("trims titles and defaults the kind", () => {
    expect(ZCreateDocument.parse({ title: "  Joint statement " })).toEqual({
      title: "Joint statement",
      kind: "notes",
    });
  });

  it("refuses blank and overlong titles and unknown kinds", () => {
    expect(ZCreateDocument.safeParse({ title: "   " }).success).toBe(false);
    expect(ZCreateDocument.safeParse({ title: "x".repeat(201) }).success).toBe(false);
    expect(ZCreateDocument.safeParse({ title: "x".repeat(200) }).success).toBe(true);
    expect(ZCreateDocument.safeParse({ title: "ok", kind: "memo" }).success).toBe(false);
  });

  it("accepts only UUIDs as document ids", () => {
    expect(ZDocumentId.safeParse("0c0f8f5e-6f5d-4b8e-9a7a-2f1c3d4e5f60").success).toBe(true);
    expect(ZDocumentId.safeParse("../etc/passwd").success).toBe(false);
  });
});

describe("close codes", () => {
  it("names each code and marks the ones not worth reconnecting on", () => {
    expect(closeCodeName(CloseCode.documentTooLarge)).toBe("documentTooLarge");
    expect(closeCodeName(4999)).toBe("code4999");
    expect(FINAL_CLOSE_CODES.has(CloseCode.restarting)).toBe(false);
    expect(FINAL_CLOSE_CODES.has(CloseCode.documentNotFound)).toBe(true);
  });

  it("are final exactly when the stock y-websocket client stops on them (4400–4499)", () => {
    // y-websocket's defaultShouldReconnect: !(code >= 4400 && code < 4500).
    const stockStops = (code: number) => code >= 4400 && code < 4500;
    for (const [name, code] of Object.entries(CloseCode)) {
      expect(stockStops(code), name).toBe(FINAL_CLOSE_CODES.has(code));
    }
    expect(FINAL_CLOSE_CODES.has(CloseCode.accessChanged)).toBe(false);
  });
});
