import { UI_LANGUAGES } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "./index";

type TCatalog = Record<string, unknown>;
const CATALOGS = import.meta.glob<TCatalog>("./*.json", { import: "default", eager: true });
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function catalogOf(language: string): TCatalog {
  const catalog = CATALOGS[`./${language}.json`];
  if (!catalog) throw new Error(`no catalogue for ${language}`);
  return catalog;
}

/** Every sentence of a catalogue by its dotted key: `errors.network`. */
function sentences(catalog: TCatalog, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === "object" && value !== null) {
      for (const [inner, text] of sentences(value as TCatalog, `${prefix}${key}.`)) found.set(inner, text);
    } else found.set(`${prefix}${key}`, String(value));
  }
  return found;
}

/** Keys with their plural suffix taken off: one entry per sentence, however many forms. */
function baseKeys(catalog: TCatalog): string[] {
  return [...new Set([...sentences(catalog).keys()].map((key) => key.replace(PLURAL_SUFFIX, "")))].sort();
}

/** The `{{name}}` placeholders of a sentence. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? ""))].sort();
}

const english = sentences(catalogOf("en"));
/** Sentences that change with a count, by base key. */
const pluralKeys = [...english.keys()].filter((key) => key.endsWith("_other")).map((key) => key.slice(0, -6));

describe("the translations", () => {
  it("exist for exactly the languages the switcher offers", () => {
    expect(Object.keys(CATALOGS).sort()).toEqual(LANGUAGES.map(({ code }) => `./${code}.json`).sort());
  });

  it("are the languages the server writes its mail in", () => {
    expect(LANGUAGES.map(({ code }) => code)).toEqual([...UI_LANGUAGES]);
  });

  for (const { code } of LANGUAGES) {
    describe(code, () => {
      const catalog = catalogOf(code);
      const own = sentences(catalog);

      it("has every sentence, so none shows as its key", () => {
        expect(baseKeys(catalog)).toEqual(baseKeys(catalogOf("en")));
        for (const [key, text] of own) expect(text.trim(), key).not.toBe("");
      });

      it("has each counted sentence in exactly the plural forms of the language", () => {
        const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
        for (const base of pluralKeys) {
          const forms = [...own.keys()].filter((key) => key.replace(PLURAL_SUFFIX, "") === base);
          expect(forms.sort(), base).toEqual(categories.map((category) => `${base}_${category}`).sort());
        }
      });

      it("fills in the English sentence's placeholders", () => {
        for (const [key, text] of own) {
          const base = key.replace(PLURAL_SUFFIX, "");
          const source = english.get(key) ?? english.get(`${base}_other`) ?? "";
          const expected = placeholders(source);
          const form = key.match(PLURAL_SUFFIX)?.[1];
          // A form for one exact number (zero, one, two) may spell the number out.
          const got = placeholders(text);
          if (form === "zero" || form === "one" || form === "two") {
            expect(
              got.filter((name) => name !== "count"),
              key,
            ).toEqual(expected.filter((name) => name !== "count"));
          } else {
            expect(got, key).toEqual(expected);
          }
        }
      });
    });
  }
});
