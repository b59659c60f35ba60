import { formatDuration, TIME_LIMIT_PRESETS } from "@caucus/shared";
import { useState } from "react";
import { useTranslation } from "../i18n";

/** The six official languages of the United Nations, offered first. */
export const UN_LANGUAGES = ["en", "es", "fr", "ar", "zh", "ru"] as const;

/** A language's name in itself ("Español"), from the browser; the tag when it has none. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * The delivery language: one of the six UN languages, or any BCP 47 tag
 * typed in ("Other"). Names are shown in their own language, so a speaker
 * finds theirs whatever language the interface is in.
 */
export function LanguageField({
  id,
  value,
  onChange,
  testId,
}: {
  id: string;
  value: string;
  onChange: (tag: string) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [other, setOther] = useState(() => !(UN_LANGUAGES as readonly string[]).includes(value));
  return (
    <div className="field">
      <label htmlFor={id}>{t("deliverySettings.language")}</label>
      <select
        id={id}
        data-testid={testId}
        value={other ? "other" : value}
        onChange={(event) => {
          const next = event.target.value;
          setOther(next === "other");
          onChange(next === "other" ? "" : next);
        }}
      >
        {UN_LANGUAGES.map((tag) => (
          <option key={tag} value={tag} lang={tag}>
            {languageName(tag)}
          </option>
        ))}
        <option value="other">{t("deliverySettings.otherLanguage")}</option>
      </select>
      {other && (
        <>
          <label htmlFor={`${id}-tag`}>{t("deliverySettings.languageTag")}</label>
          <input
            id={`${id}-tag`}
            data-testid={testId && `${testId}-tag`}
            value={value}
            maxLength={35}
            placeholder="pt-BR"
            onChange={(event) => onChange(event.target.value.trim())}
          />
        </>
      )}
    </div>
  );
}

/** A time limit being chosen: a preset (seconds) or "custom" with the m:ss typed so far. */
export interface TTimeChoice {
  preset: string;
  custom: string;
}

/** The choice that shows `seconds`: its preset if it is one, else custom. */
export function timeChoiceFor(seconds: number): TTimeChoice {
  const preset = (TIME_LIMIT_PRESETS as readonly number[]).includes(seconds);
  return { preset: preset ? String(seconds) : "custom", custom: formatDuration(seconds) };
}

/** Time limit: 1:30, 2:00, 3:00 or a custom m:ss. */
export function TimeLimitField({
  id,
  value,
  onChange,
  error,
  testId,
}: {
  id: string;
  value: TTimeChoice;
  onChange: (next: TTimeChoice) => void;
  error?: string | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t("deliverySettings.timeLimit")}</label>
      <select
        id={id}
        data-testid={testId}
        value={value.preset}
        onChange={(event) => onChange({ ...value, preset: event.target.value })}
      >
        {TIME_LIMIT_PRESETS.map((seconds) => (
          <option key={seconds} value={String(seconds)}>
            {formatDuration(seconds)}
          </option>
        ))}
        <option value="custom">{t("deliverySettings.customTime")}</option>
      </select>
      {value.preset === "custom" && (
        <>
          <label htmlFor={`${id}-custom`}>{t("deliverySettings.customTimeLabel")}</label>
          <input
            id={`${id}-custom`}
            data-testid={testId && `${testId}-custom`}
            value={value.custom}
            inputMode="numeric"
            placeholder="2:30"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => onChange({ ...value, custom: event.target.value })}
          />
        </>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
