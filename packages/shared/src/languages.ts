/**
 * The interface's languages: the six UN languages. The web app has a full
 * catalogue for each; the server writes its mail (password resets) in each.
 * In the UN's order, alphabetical in English.
 */
export const UI_LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"] as const;
export type TUiLanguage = (typeof UI_LANGUAGES)[number];

/** Whether `value` is one of {@link UI_LANGUAGES}, as written there. */
export function isUiLanguage(value: unknown): value is TUiLanguage {
  return UI_LANGUAGES.some((language) => language === value);
}

/**
 * The interface language for a BCP 47 tag, by its primary subtag
 * (`es-419` → `es`, `AR` → `ar`); undefined when there is none.
 */
export function uiLanguageOf(tag: string): TUiLanguage | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isUiLanguage(primary) ? primary : undefined;
}
