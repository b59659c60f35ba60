import {
  defaultPace,
  deliverySettingsEntries,
  LANGUAGE_TAG_PATTERN,
  MAX_DELIVERY_TEXT,
  MAX_LIMIT_WORDS,
  MAX_PACE,
  MIN_PACE,
  type TDeliverySettings,
  type TDocumentKind,
  type TPacePreset,
} from "@caucus/shared";
import { useId, useState } from "react";
import type * as Y from "yjs";
import { Dialog } from "../common/Dialog";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { clearDeliveryLimit, type TDeliveryState, writeDeliverySettings } from "./deliverySettingsStore";
import { chosenSeconds } from "./duration";
import { LanguageField, TimeLimitField, type TTimeChoice, timeChoiceFor } from "./fields";
import { defaultLimitMode } from "./meterShown";

type TLimitMode = "time" | "words" | "none";

/**
 * How the document is to be delivered: language, pace, limit, forum and
 * agenda item. Saving writes into the document's Y.Map, so co-drafters and
 * the delivery view see it at once. A person who may only read sees the
 * settings but cannot change them.
 */
export function DeliverySettingsDialog({
  ydoc,
  state,
  kind,
  editable,
  onClose,
}: {
  ydoc: Y.Doc;
  state: TDeliveryState;
  kind: TDocumentKind | null;
  editable: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { settings } = state;
  const spoken = kind === "intervention" || kind === "statement";
  const [language, setLanguage] = useState(settings.language);
  const [pacePreset, setPacePreset] = useState<TPacePreset | "custom">(settings.pacePreset);
  const [customPace, setCustomPace] = useState(String(settings.wordsPerMinute));
  const [limitMode, setLimitMode] = useState<TLimitMode>(
    state.limitSet || spoken ? settings.limit.mode : "none",
  );
  const [time, setTime] = useState<TTimeChoice>(
    timeChoiceFor(settings.limit.mode === "time" ? settings.limit.seconds : 90),
  );
  const [limitWords, setLimitWords] = useState(
    String(settings.limit.mode === "words" ? settings.limit.words : 2_000),
  );
  const [countCoverPage, setCountCoverPage] = useState(settings.countCoverPage);
  const [forum, setForum] = useState(settings.forum);
  const [agendaItem, setAgendaItem] = useState(settings.agendaItem);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const paceFor = (preset: TPacePreset) =>
    defaultPace(LANGUAGE_TAG_PATTERN.test(language) ? language : "en", preset);

  const save = () => {
    const found: Record<string, string> = {};
    if (!LANGUAGE_TAG_PATTERN.test(language)) found.language = t("deliverySettings.languageInvalid");
    const pace = Number(customPace);
    if (pacePreset === "custom" && !(Number.isInteger(pace) && pace >= MIN_PACE && pace <= MAX_PACE)) {
      found.pace = t("deliverySettings.paceInvalid", { min: MIN_PACE, max: MAX_PACE });
    }
    const seconds = chosenSeconds(time);
    if (limitMode === "time" && seconds === null) found.time = t("deliverySettings.timeInvalid");
    const words = Number(limitWords);
    if (limitMode === "words" && !(Number.isInteger(words) && words >= 1 && words <= MAX_LIMIT_WORDS)) {
      found.words = t("deliverySettings.wordsInvalid", {
        max: MAX_LIMIT_WORDS.toLocaleString(i18n.language),
      });
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const next: TDeliverySettings = {
      language,
      pacePreset,
      wordsPerMinute: pacePreset === "custom" ? pace : paceFor(pacePreset),
      limit: limitMode === "words" ? { mode: "words", words } : { mode: "time", seconds: seconds ?? 90 },
      countCoverPage,
      forum: forum.trim(),
      agendaItem: agendaItem.trim(),
    };
    ydoc.transact(() => {
      writeDeliverySettings(ydoc, deliverySettingsEntries(next));
      if (limitMode === "none") clearDeliveryLimit(ydoc);
    });
    onClose();
  };

  const error = (key: string) =>
    errors[key] && (
      <p id={`${id}-${key}-error`} className="field-error" role="alert">
        {errors[key]}
      </p>
    );

  return (
    <Dialog title={t("deliverySettings.heading")} onClose={onClose} testId={TestId.deliverySettings}>
      <form
        className="delivery-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (editable) save();
        }}
      >
        {!editable && <p className="hint">{t("deliverySettings.readOnly")}</p>}
        <fieldset className="delivery-form__fields" disabled={!editable}>
          <LanguageField
            id={`${id}-language`}
            value={language}
            onChange={setLanguage}
            testId={TestId.deliveryLanguage}
          />
          {error("language")}
          <div className="field">
            <label htmlFor={`${id}-pace`}>{t("deliverySettings.pace")}</label>
            <select
              id={`${id}-pace`}
              data-testid={TestId.deliveryPace}
              value={pacePreset}
              onChange={(event) => setPacePreset(event.target.value as TPacePreset | "custom")}
            >
              <option value="interpretation">
                {t("deliverySettings.paceInterpretation", { wpm: paceFor("interpretation") })}
              </option>
              <option value="natural">
                {t("deliverySettings.paceNatural", { wpm: paceFor("natural") })}
              </option>
              <option value="custom">{t("deliverySettings.paceCustom")}</option>
            </select>
            {pacePreset === "custom" && (
              <>
                <label htmlFor={`${id}-wpm`}>{t("deliverySettings.wordsPerMinute")}</label>
                <input
                  id={`${id}-wpm`}
                  type="number"
                  min={MIN_PACE}
                  max={MAX_PACE}
                  value={customPace}
                  aria-invalid={errors.pace ? true : undefined}
                  onChange={(event) => setCustomPace(event.target.value)}
                />
              </>
            )}
            <p className="field-hint">{t("deliverySettings.paceHint")}</p>
            {error("pace")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-limit`}>{t("deliverySettings.limit")}</label>
            <select
              id={`${id}-limit`}
              data-testid={TestId.deliveryLimitMode}
              value={limitMode}
              onChange={(event) => setLimitMode(event.target.value as TLimitMode)}
            >
              <option value="time">{t("deliverySettings.limitTime")}</option>
              <option value="words">{t("deliverySettings.limitWords")}</option>
              {!spoken && <option value="none">{t("deliverySettings.limitNone")}</option>}
            </select>
          </div>
          {limitMode === "time" && (
            <TimeLimitField
              id={`${id}-time`}
              value={time}
              onChange={setTime}
              error={errors.time}
              testId={TestId.deliveryTimeLimit}
            />
          )}
          {limitMode === "words" && (
            <div className="field">
              <label htmlFor={`${id}-words`}>{t("deliverySettings.wordLimit")}</label>
              <input
                id={`${id}-words`}
                data-testid={TestId.deliveryWordLimit}
                type="number"
                min={1}
                max={MAX_LIMIT_WORDS}
                value={limitWords}
                aria-invalid={errors.words ? true : undefined}
                onChange={(event) => setLimitWords(event.target.value)}
              />
              {error("words")}
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={countCoverPage}
                  onChange={(event) => setCountCoverPage(event.target.checked)}
                />
                {t("deliverySettings.countCoverPage")}
              </label>
              <p className="field-hint">{t("deliverySettings.coverPageHint")}</p>
            </div>
          )}
          {limitMode === "none" && defaultLimitMode(kind) === "words" && (
            <p className="field-hint">{t("deliverySettings.noLimitHint")}</p>
          )}
          <div className="field">
            <label htmlFor={`${id}-forum`}>{t("deliverySettings.forum")}</label>
            <input
              id={`${id}-forum`}
              dir="auto"
              value={forum}
              maxLength={MAX_DELIVERY_TEXT}
              placeholder={t("deliverySettings.forumPlaceholder")}
              onChange={(event) => setForum(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-agenda`}>{t("deliverySettings.agendaItem")}</label>
            <input
              id={`${id}-agenda`}
              dir="auto"
              value={agendaItem}
              maxLength={MAX_DELIVERY_TEXT}
              placeholder={t("deliverySettings.agendaItemPlaceholder")}
              onChange={(event) => setAgendaItem(event.target.value)}
            />
          </div>
        </fieldset>
        <div className="dialog__actions">
          {editable && (
            <button type="submit" className="button primary" data-testid={TestId.deliverySave}>
              {t("actions.save")}
            </button>
          )}
          <button type="button" className="button secondary" onClick={onClose}>
            {editable ? t("actions.cancel") : t("actions.close")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
