/**
 * The app's own translator: exactly what its catalogues use of i18next's
 * JSON v4 format (nested keys, `{{name}}` placeholders, plural forms chosen
 * by the `count` option with the language's CLDR rules) and nothing more, so
 * the entry chunk does not carry i18next's 15 KB (Brotli) of features the
 * app never calls. See docs/ARCHITECTURE.md.
 */

/** A language's sentences, by nested key: `{ "errors": { "network": "…" } }`. */
export type TCatalog = { readonly [key: string]: unknown };

/**
 * The values a sentence's placeholders take. `count` also chooses the plural
 * form; `defaultValue` is what shows when the catalogue has no such sentence.
 */
export type TTranslateOptions = { count?: number; defaultValue?: string; [name: string]: unknown };

/** Looks a sentence up by its dotted key and fills it in. */
export type TFunction = (key: string, options?: TTranslateOptions) => string;

/** A `{{name}}` placeholder (spaces inside allowed, as i18next allowed them). */
const PLACEHOLDER = /\{\{(.+?)\}\}/g;

/** The languages written right to left (by their primary subtag); of the six, Arabic. */
const RIGHT_TO_LEFT = new Set(["ar", "he", "fa", "ur", "ps", "ckb", "dv", "yi"]);

const pluralRules = new Map<string, Intl.PluralRules>();

/** The CLDR plural category of `count` in `language`: zero, one, two, few, many or other. */
function pluralCategory(language: string, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return rules.select(count);
}

/** The text at a dotted key of a nested catalogue, if there is text there. */
function lookUp(catalog: TCatalog, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as TCatalog)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/**
 * Fills in each `{{name}}` from `values`, as i18next did with its escaping
 * off (React escapes text): a name not among the values stays as written,
 * one given as undefined or null becomes empty, and a value's own braces
 * are not filled in again.
 */
export function interpolate(text: string, values: TTranslateOptions): string {
  return text.replace(PLACEHOLDER, (placeholder, inner: string) => {
    const name = inner.trim();
    if (!Object.hasOwn(values, name)) return placeholder;
    const value = values[name];
    return value === undefined || value === null ? "" : String(value);
  });
}

/**
 * A sentence of `catalog` in `language`. With a `count`, the form for its
 * plural category (`key_few`), after `key_zero` for 0 as i18next did, then
 * `key_other`, then `key` itself. A key the catalogue lacks gives
 * `defaultValue`, or the key as it was asked for.
 */
export function translate(
  catalog: TCatalog | undefined,
  language: string,
  key: string,
  options: TTranslateOptions = {},
): string {
  const { count } = options;
  const candidates =
    typeof count === "number"
      ? [
          ...(count === 0 ? [`${key}_zero`] : []),
          `${key}_${pluralCategory(language, count)}`,
          `${key}_other`,
          key,
        ]
      : [key];
  for (const candidate of candidates) {
    const text = catalog && lookUp(catalog, candidate);
    if (text !== undefined) return interpolate(text, options);
  }
  return options.defaultValue === undefined ? key : interpolate(options.defaultValue, options);
}

/** Which way a language's script runs, by its primary subtag (`ar-EG` → rtl). */
export function textDirection(language: string): "ltr" | "rtl" {
  const primary = language.toLowerCase().split("-")[0] ?? "";
  return RIGHT_TO_LEFT.has(primary) ? "rtl" : "ltr";
}

/** The app's translator: its catalogues, the language in use, and who listens for a change. */
export type TTranslator = {
  /** The language in use. */
  readonly language: string;
  /** The language in use if its catalogue is here (the switcher shows it), otherwise undefined. */
  readonly resolvedLanguage: string | undefined;
  /**
   * Translates in the language in use at the time of the call. A new
   * function after each change, so a component holding it re-renders and
   * its memos and effects that depend on it run again.
   */
  readonly t: TFunction;
  /** Translates in one language, whatever the language in use. */
  getFixedT(language: string): TFunction;
  /** Which way `language` (by default the one in use) is written. */
  dir(language?: string): "ltr" | "rtl";
  changeLanguage(language: string): void;
  addCatalog(language: string, catalog: TCatalog): void;
  hasCatalog(language: string): boolean;
  /** Calls `listener` after each change of language or catalogue; returns how to stop. */
  subscribe(listener: () => void): () => void;
};

/** A translator starting in `language`, with the catalogues given (more may be added). */
export function createTranslator(language: string, catalogs: Record<string, TCatalog> = {}): TTranslator {
  const loaded = new Map(Object.entries(catalogs));
  const listeners = new Set<() => void>();
  let current = language;
  const currentT = (): TFunction => (key, options) => translate(loaded.get(current), current, key, options);
  let t = currentT();

  /** A new `t` tells useSyncExternalStore that the sentences changed. */
  const changed = () => {
    t = currentT();
    for (const listener of listeners) listener();
  };

  return {
    get language() {
      return current;
    },
    get resolvedLanguage() {
      return loaded.has(current) ? current : undefined;
    },
    get t() {
      return t;
    },
    getFixedT: (fixed) => (key, options) => translate(loaded.get(fixed), fixed, key, options),
    dir: (of = current) => textDirection(of),
    changeLanguage(next) {
      if (next === current) return;
      current = next;
      changed();
    },
    addCatalog(of, catalog) {
      loaded.set(of, catalog);
      if (of === current) changed();
    },
    hasCatalog: (of) => loaded.has(of),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
