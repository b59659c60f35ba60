import { describe, expect, it } from "vitest";
import en from "./en.json";
import es from "./es.json";

/** Every key of a catalog, dotted: `errors.network`. */
function keys(catalog: object, prefix = ""): string[] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** The `{{name}}` placeholders of a sentence. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? "").sort();
}

describe("the translations", () => {
  it("have the same keys in every language, so no sentence falls back to English", () => {
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });

  it("fill in the same placeholders", () => {
    const lookup = (catalog: object, key: string) =>
      key
        .split(".")
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog) as string;
    for (const key of keys(en)) {
      expect(placeholders(lookup(es, key)), key).toEqual(placeholders(lookup(en, key)));
    }
  });
});
