import { describe, expect, it } from "vitest";
import { preferredUiLanguage } from "./acceptLanguage.js";

describe("preferredUiLanguage", () => {
  it("takes the interface language a header prefers, by q-value then order", () => {
    expect(preferredUiLanguage("es")).toBe("es");
    expect(preferredUiLanguage("es-419,es;q=0.9,en;q=0.8")).toBe("es");
    expect(preferredUiLanguage("de-DE, fr;q=0.5, ar;q=0.7")).toBe("ar");
    expect(preferredUiLanguage("zh-Hant-TW;q=0.4, ru ; q=0.4")).toBe("zh");
    expect(preferredUiLanguage("AR")).toBe("ar");
  });

  it("names none for languages the interface lacks, q=0, nonsense or no header", () => {
    expect(preferredUiLanguage("de, ja;q=0.9")).toBeUndefined();
    expect(preferredUiLanguage("es;q=0, de")).toBeUndefined();
    expect(preferredUiLanguage("*")).toBeUndefined();
    expect(preferredUiLanguage("es;q=abc")).toBeUndefined();
    expect(preferredUiLanguage("<script>, ../../etc")).toBeUndefined();
    expect(preferredUiLanguage("")).toBeUndefined();
    expect(preferredUiLanguage(null)).toBeUndefined();
  });
});
