import { type TUiLanguage, uiLanguageOf } from "@caucus/shared";

/** Entries of an Accept-Language header read at most: a browser sends a handful. */
const MAX_ENTRIES = 20;

/**
 * The interface language an Accept-Language header prefers most, by
 * q-value then order (`fr-CH, ar;q=0.9` → `fr`); undefined when it names
 * none of UI_LANGUAGES (or only with q=0). Anything else in the header,
 * malformed or not, is ignored: it only ever chooses among our languages.
 */
export function preferredUiLanguage(header: string | null | undefined): TUiLanguage | undefined {
  if (!header) return undefined;
  let best: { language: TUiLanguage; quality: number } | undefined;
  for (const entry of header.split(",").slice(0, MAX_ENTRIES)) {
    const [tag = "", ...parameters] = entry.split(";");
    const language = uiLanguageOf(tag);
    if (!language) continue;
    const quality = qualityOf(parameters);
    if (quality > 0 && (!best || quality > best.quality)) best = { language, quality };
  }
  return best?.language;
}

/** An entry's q-value: 1 when it has none, 0 (not wanted) when it is not a number from 0 to 1. */
function qualityOf(parameters: string[]): number {
  const q = parameters.find((parameter) => /^\s*q\s*=/i.test(parameter));
  if (q === undefined) return 1;
  const value = /^\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)\s*$/i.exec(q)?.[1];
  return value === undefined ? 0 : Number(value);
}
