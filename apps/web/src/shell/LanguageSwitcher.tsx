import { changeLanguage, LANGUAGES, type TLanguage, useTranslation } from "../i18n";

/** Each language is named in itself, so anyone can find theirs. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t("language.label")}</span>
      <select
        value={i18n.resolvedLanguage}
        onChange={(event) => void changeLanguage(event.target.value as TLanguage)}
      >
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.label}
          </option>
        ))}
      </select>
    </label>
  );
}
