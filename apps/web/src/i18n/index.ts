import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import es from "./es.json";

/** Languages with a full catalog, in the order the switcher lists them. */
export const LANGUAGES = [
  { code: "en", label: "English" },
  { code: "es", label: "Español" },
] as const;
export type TLanguage = (typeof LANGUAGES)[number]["code"];

const LANGUAGE_KEY = "caucus:language";

function isLanguage(value: string | null | undefined): value is TLanguage {
  return LANGUAGES.some((language) => language.code === value);
}

/** A choice made in the switcher wins; otherwise the browser's first language we have. */
function initialLanguage(): TLanguage {
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

/** Switches the UI language and remembers the choice on this device. */
export function changeLanguage(language: TLanguage): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // The switch still applies to this page load.
  }
  void i18next.changeLanguage(language);
}

i18next.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: initialLanguage(),
  fallbackLng: "en",
  // React escapes text already.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
