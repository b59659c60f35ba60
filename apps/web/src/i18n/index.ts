import { isUiLanguage, type TUiLanguage, uiLanguageOf } from "@caucus/shared";
import { useSyncExternalStore } from "react";
import { keepLanguage } from "../offlineShell";
import { createTranslator, type TCatalog, type TFunction, type TTranslator } from "./translator";

export type { TFunction, TTranslator } from "./translator";

/**
 * The six UN languages (`UI_LANGUAGES`, which the server's mail is also
 * written in), each with a full catalogue, in the order the switcher lists
 * them (the UN's: alphabetical in English).
 */
export const LANGUAGES = [
  { code: "ar", label: "العربية" },
  { code: "zh", label: "中文" },
  { code: "en", label: "English" },
  { code: "fr", label: "Français" },
  { code: "ru", label: "Русский" },
  { code: "es", label: "Español" },
] as const satisfies readonly { code: TUiLanguage; label: string }[];
export type TLanguage = (typeof LANGUAGES)[number]["code"];

const LANGUAGE_KEY = "caucus:language";

/** The app's one translator; startI18n puts it in the person's language. */
const i18n: TTranslator = createTranslator("en");

/**
 * The sentences of the language in use, for a component: `t` and the
 * translator. The component renders again when the language changes.
 */
export function useTranslation(): { t: TFunction; i18n: TTranslator } {
  const t = useSyncExternalStore(i18n.subscribe, () => i18n.t);
  return { t, i18n };
}

/**
 * One chunk per catalogue, fetched only when its language is used: a
 * remote member on a metered link downloads the sentences of one language.
 */
const CATALOGS = import.meta.glob<TCatalog>("./*.json", { import: "default" });

/** A choice made in the switcher wins; otherwise the browser's first language we have. */
export function initialLanguage(): TLanguage {
  try {
    const chosen = localStorage.getItem(LANGUAGE_KEY);
    if (isUiLanguage(chosen)) return chosen;
  } catch {
    // Storage disabled: fall through to the browser's languages.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const language = uiLanguageOf(tag);
    if (language) return language;
  }
  return "en";
}

/** Fetches a language's catalogue (the module, once: the browser keeps it). */
function fetchCatalog(language: TLanguage): Promise<TCatalog> {
  const load = CATALOGS[`./${language}.json`];
  if (!load) return Promise.reject(new Error(`no catalogue for ${language}`));
  return load();
}

/** Hands a language's catalogue to the translator once (`fetching`: its fetch, if already under way). */
async function loadCatalog(language: TLanguage, fetching?: Promise<TCatalog>): Promise<void> {
  if (i18n.hasCatalog(language)) return;
  i18n.addCatalog(language, await (fetching ?? fetchCatalog(language)));
}

/**
 * Switches the UI language and remembers the choice on this device. The
 * catalogue arrives first, so no sentence shows as its key meanwhile.
 */
export async function changeLanguage(language: TLanguage): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // The switch still applies to this page load.
  }
  await loadCatalog(language);
  i18n.changeLanguage(language);
  keepLanguage(language);
}

/** The page's language and direction follow the interface's. */
function markPage(): void {
  document.documentElement.lang = i18n.language;
  // Arabic reads right to left: the whole page mirrors.
  document.documentElement.dir = i18n.dir();
}
i18n.subscribe(markPage);

/**
 * Starts the translator in the chosen or the browser's language; resolves
 * once that language's catalogue is here (English if it cannot be fetched).
 */
export async function startI18n(): Promise<void> {
  const language = initialLanguage();
  // Asked for before anything else the app fetches: on HTTP/1.1 a slow
  // link's six connections fill up with the editor's code otherwise.
  const fetching = fetchCatalog(language);
  fetching.catch(() => undefined);
  i18n.changeLanguage(language);
  try {
    await loadCatalog(language, fetching);
    keepLanguage(language);
  } catch {
    // Its chunk could not be fetched (offline, and not cached yet): try English.
    await loadCatalog("en")
      .then(() => i18n.changeLanguage("en"))
      .catch(() => {});
  }
  markPage();
}
