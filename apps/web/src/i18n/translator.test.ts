import { describe, expect, it, vi } from "vitest";
import { createTranslator, interpolate, textDirection, translate } from "./translator";

/** Each form says which one it is, so a wrong choice shows in the failure. */
const counted = (forms: string[]) =>
  Object.fromEntries(forms.map((form) => [`left_${form}`, `${form}: {{count}}`]));

describe("translate", () => {
  const catalog = {
    status: { saved: "All changes saved", error: { forbidden: "You cannot edit this document." } },
    greeting: "Hello {{name}}, {{name}} again",
    left_one: "{{count}} word left",
    left_other: "{{count}} words left",
  };

  it("finds a sentence by its dotted key at any depth", () => {
    expect(translate(catalog, "en", "status.saved")).toBe("All changes saved");
    expect(translate(catalog, "en", "status.error.forbidden")).toBe("You cannot edit this document.");
  });

  it("gives back the key when there is no sentence there, or only a branch", () => {
    expect(translate(catalog, "en", "status.missing")).toBe("status.missing");
    expect(translate(catalog, "en", "status.saved.deeper")).toBe("status.saved.deeper");
    expect(translate(catalog, "en", "status.error")).toBe("status.error");
    expect(translate(undefined, "en", "status.saved")).toBe("status.saved");
  });

  it("gives the default value, filled in, for a key the catalogue lacks", () => {
    expect(translate(catalog, "en", "audit.actions.new_thing", { defaultValue: "new_thing" })).toBe(
      "new_thing",
    );
    expect(translate(catalog, "en", "status.saved", { defaultValue: "unused" })).toBe("All changes saved");
    expect(translate(catalog, "en", "x", { defaultValue: "Hi {{name}}", name: "Ana" })).toBe("Hi Ana");
  });

  it("fills in every occurrence of a placeholder", () => {
    expect(translate(catalog, "en", "greeting", { name: "Layla" })).toBe("Hello Layla, Layla again");
  });

  it("chooses English's one and other by the count", () => {
    expect(translate(catalog, "en", "left", { count: 1 })).toBe("1 word left");
    expect(translate(catalog, "en", "left", { count: 0 })).toBe("0 words left");
    expect(translate(catalog, "en", "left", { count: 7 })).toBe("7 words left");
  });

  it("chooses Arabic's six plural forms", () => {
    const arabic = counted(["zero", "one", "two", "few", "many", "other"]);
    const forms = [0, 1, 2, 3, 11, 100].map((count) => translate(arabic, "ar", "left", { count }));
    expect(forms).toEqual(["zero: 0", "one: 1", "two: 2", "few: 3", "many: 11", "other: 100"]);
  });

  it("chooses Russian's one, few and many", () => {
    const russian = counted(["one", "few", "many", "other"]);
    const forms = [1, 2, 5, 21, 1.5].map((count) => translate(russian, "ru", "left", { count }));
    expect(forms).toEqual(["one: 1", "few: 2", "many: 5", "one: 21", "other: 1.5"]);
  });

  it("has only the other form in Chinese", () => {
    const chinese = counted(["other"]);
    expect([0, 1, 2].map((count) => translate(chinese, "zh", "left", { count }))).toEqual([
      "other: 0",
      "other: 1",
      "other: 2",
    ]);
  });

  it("takes the other form when the language's form is missing, and the zero form for 0 if there is one", () => {
    expect(translate(counted(["other"]), "ar", "left", { count: 2 })).toBe("other: 2");
    expect(translate(counted(["zero", "one", "other"]), "en", "left", { count: 0 })).toBe("zero: 0");
    expect(translate({ left: "plain {{count}}" }, "en", "left", { count: 3 })).toBe("plain 3");
  });
});

describe("interpolate", () => {
  it("leaves a placeholder with no value as written, as i18next did", () => {
    expect(interpolate("{{name}} saved {{title}}", { name: "Ana" })).toBe("Ana saved {{title}}");
  });

  it("empties a placeholder given undefined or null, and writes numbers", () => {
    expect(interpolate("[{{a}}][{{b}}][{{n}}]", { a: undefined, b: null, n: 42 })).toBe("[][][42]");
  });

  it("does not escape HTML (React does), nor fill in a value's own braces or dollar signs", () => {
    expect(interpolate("{{what}}", { what: "<b>&" })).toBe("<b>&");
    expect(interpolate("{{a}} {{b}}", { a: "{{b}}", b: "$&" })).toBe("{{b}} $&");
  });

  it("accepts spaces inside the braces", () => {
    expect(interpolate("Hi {{ name }}", { name: "Tomás" })).toBe("Hi Tomás");
  });
});

describe("textDirection", () => {
  it("is right to left for Arabic and the other Arabic- and Hebrew-script languages", () => {
    expect(["ar", "ar-EG", "he", "fa", "ur"].map(textDirection)).toEqual(["rtl", "rtl", "rtl", "rtl", "rtl"]);
    expect(["en", "zh", "fr", "ru", "es", "arn"].map(textDirection)).toEqual([
      "ltr",
      "ltr",
      "ltr",
      "ltr",
      "ltr",
      "ltr",
    ]);
  });
});

describe("createTranslator", () => {
  const catalogs = { en: { saved: "Saved" }, es: { saved: "Guardado" } };

  it("translates in the language in use, even with a t taken before the change", () => {
    const i18n = createTranslator("en", catalogs);
    const earlier = i18n.t;
    expect(earlier("saved")).toBe("Saved");
    i18n.changeLanguage("es");
    expect(i18n.t("saved")).toBe("Guardado");
    expect(earlier("saved")).toBe("Guardado");
    expect(i18n.t).not.toBe(earlier);
    expect(i18n.getFixedT("en")("saved")).toBe("Saved");
  });

  it("tells its subscribers of a change of language, once, and not after they stop", () => {
    const i18n = createTranslator("en", catalogs);
    const listener = vi.fn(() => i18n.language);
    const stop = i18n.subscribe(listener);
    i18n.changeLanguage("en");
    expect(listener).not.toHaveBeenCalled();
    i18n.changeLanguage("es");
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.results[0]?.value).toBe("es");
    stop();
    i18n.changeLanguage("en");
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("tells its subscribers when the catalogue of the language in use arrives", () => {
    const i18n = createTranslator("fr");
    const listener = vi.fn();
    i18n.subscribe(listener);
    expect(i18n.resolvedLanguage).toBeUndefined();
    expect(i18n.t("saved")).toBe("saved");
    i18n.addCatalog("es", catalogs.es);
    expect(listener).not.toHaveBeenCalled();
    i18n.addCatalog("fr", { saved: "Enregistré" });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(i18n.hasCatalog("fr")).toBe(true);
    expect(i18n.resolvedLanguage).toBe("fr");
    expect(i18n.t("saved")).toBe("Enregistré");
  });

  it("gives the direction of the language in use, or of another", () => {
    const i18n = createTranslator("ar");
    expect(i18n.dir()).toBe("rtl");
    expect(i18n.dir("en")).toBe("ltr");
  });
});
