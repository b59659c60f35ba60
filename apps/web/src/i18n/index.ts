import i18next from "i18next";
import { initReactI18next } from "react-i18next";

/**
 * The six UN languages, each with a full catalogue, in the order the
 * switcher lists them (the UN's: alphabetical in English).
 */
export const LANGUAGES = [
  { code: "ar", label: "العربية" },
  { code: "zh", label: "中文" },
  { code: "en", label: "English" },
  { code: "fr", label: "Français" },
  { code: "ru", label: "Русский" },
  { code: "es", label: "Español" },
] as const;
export type TLanguage = (typeof LANGUAGES)[number]["code"];

const LANGUAGE_KEY = "caucus:language";

/**
 * One chunk per catalogue, fetched only when its language is used: a
 * remote member on a metered link downloads the sentences of one language.
 */
const CATALOGS = import.meta.glob<Record<string, unknown>>("./*.json", { import: "default" });

function isLanguage(value: string | null | undefined): value is TLanguage {
  return LANGUAGES.some((language) => language.code === value);
}

/** A choice made in the switcher wins; otherwise the browser's first language we have. */
export function initialLanguage(): TLanguage {
  try {
    const chosen = localStorage.getItem(LANGUAGE_KEY);
    if (isLanguage(chosen)) return chosen;
  } catch {
    // Storage disabled: fall through to the browser's languages.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLanguage(base)) return base;
  }
  return "en";
}

/** Fetches a language's catalogue (the module, once: the browser keeps it). */
function fetchCatalog(language: TLanguage): Promise<Record<string, unknown>> {
  const load = CATALOGS[`./${language}.json`];
  if (!load) return Promise.reject(new Error(`no catalogue for ${language}`));
  return load();
}

/** Hands a language's catalogue to i18next once (`fetching`: its fetch, if already under way). */
async function loadCatalog(language: TLanguage, fetching?: Promise<Record<string, unknown>>): Promise<void> {
  if (i18next.hasResourceBundle(language, "translation")) return;
  i18next.addResourceBundle(language, "translation", await (fetching ?? fetchCatalog(language)));
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
  await i18next.changeLanguage(language);
}

i18next.on("languageChanged", (language) => {
  document.documentElement.lang = language;
  // Arabic reads right to left: the whole page mirrors.
  document.documentElement.dir = i18next.dir(language);
});

/**
 * Starts i18next in the chosen or the browser's language; resolves once
 * that language's catalogue is here (English if it cannot be fetched).
 */
export async function startI18n(): Promise<void> {
  const language = initialLanguage();
  // Asked for before anything else the app fetches: on HTTP/1.1 a slow
  // link's six connections fill up with the editor's code otherwise.
  const fetching = fetchCatalog(language);
  fetching.catch(() => undefined);
  await i18next.use(initReactI18next).init({
    resources: {},
    partialBundledLanguages: true,
    lng: language,
    // Every catalogue holds every sentence (a test checks), so nothing falls back.
    fallbackLng: false,
    // React escapes text already.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  try {
    await loadCatalog(language, fetching);
  } catch {
    // Its chunk could not be fetched (offline, and not cached yet): try English.
    await loadCatalog("en")
      .then(() => i18next.changeLanguage("en"))
      .catch(() => {});
  }
  document.documentElement.lang = i18next.language;
  document.documentElement.dir = i18next.dir(i18next.language);
}

export default i18next;
