import { describe, expect, it } from "vitest";
import { isUiLanguage, uiLanguageOf } from "./languages.js";

describe("the interface languages", () => {
  it("are known by their code as written", () => {
    expect(isUiLanguage("ar")).toBe(true);
    expect(isUiLanguage("AR")).toBe(false);
    expect(isUiLanguage("de")).toBe(false);
    expect(isUiLanguage(null)).toBe(false);
  });

  it("are found from a language tag by its primary subtag", () => {
    expect(uiLanguageOf("es-419")).toBe("es");
    expect(uiLanguageOf(" ZH_Hant ")).toBe("zh");
    expect(uiLanguageOf("fr")).toBe("fr");
    expect(uiLanguageOf("de-CH")).toBeUndefined();
    expect(uiLanguageOf("")).toBeUndefined();
  });
});
