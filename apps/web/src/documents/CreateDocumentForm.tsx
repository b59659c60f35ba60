import {
  DOCUMENT_KINDS,
  LANGUAGE_TAG_PATTERN,
  Limits,
  MAX_DELIVERY_TEXT,
  type TCreateDocument,
  type TDocument,
  type TDocumentKind,
} from "@caucus/shared";
import { useId, useState } from "react";
import { createDocument } from "../api/documents";
import { errorMessage } from "../api/errorMessage";
import { focusOnMount } from "../common/focusOnMount";
import { useTranslation } from "../i18n";
import { chosenSeconds } from "../speaking/duration";
import { LanguageField, TimeLimitField, type TTimeChoice } from "../speaking/fields";
import { TestId } from "../testIds";

/** The interface language's base, if the template and meter know it as a delivery language; else English. */
function startingLanguage(interfaceLanguage: string): string {
  const base = interfaceLanguage.split("-")[0] ?? "en";
  return ["en", "es", "fr", "ar", "zh", "ru"].includes(base) ? base : "en";
}

/**
 * Title and kind, then Create: the quickest path to a draft when the floor
 * opens. An intervention also asks where it is delivered, its time limit
 * and its language, and starts from the template with those settings.
 */
export function CreateDocumentForm({
  workspaceId,
  onCreated,
  onCancel,
}: {
  workspaceId: string;
  onCreated: (document: TDocument) => void;
  /** Opened from the list's "New document" button: Cancel and Escape close it, and the title has the focus. */
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<TDocumentKind>("intervention");
  const [forum, setForum] = useState("");
  const [agendaItem, setAgendaItem] = useState("");
  const [time, setTime] = useState<TTimeChoice>({ preset: "90", custom: "" });
  const [language, setLanguage] = useState(() => startingLanguage(i18n.language));
  const [timeError, setTimeError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (title.trim() === "") {
      setError(t("documents.titleRequired"));
      return;
    }
    const input: TCreateDocument = { title: title.trim(), kind };
    if (kind === "intervention") {
      const limitSeconds = chosenSeconds(time);
      setTimeError(limitSeconds === null ? t("deliverySettings.timeInvalid") : null);
      if (!LANGUAGE_TAG_PATTERN.test(language)) {
        setError(t("deliverySettings.languageInvalid"));
        return;
      }
      if (limitSeconds === null) return;
      input.intervention = { language, limitSeconds, forum: forum.trim(), agendaItem: agendaItem.trim() };
    }
    setBusy(true);
    setError(null);
    try {
      const document = await createDocument(workspaceId, input);
      setTitle("");
      setForum("");
      setAgendaItem("");
      onCreated(document);
    } catch (caught) {
      setError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="create-form"
      aria-labelledby={`${id}-heading`}
      onKeyDown={(event) => {
        if (event.key === "Escape" && onCancel) {
          event.preventDefault();
          onCancel();
        }
      }}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-heading`} className="section-title">
        {t("documents.newHeading")}
      </h2>
      <div className="create-form__fields">
        <div className="field field--grow">
          <label htmlFor={`${id}-title`}>{t("documents.titleLabel")}</label>
          <input
            id={`${id}-title`}
            data-testid={TestId.newDocumentTitle}
            ref={onCancel ? focusOnMount : undefined}
            value={title}
            maxLength={Limits.maxTitleLength}
            placeholder={t("documents.titlePlaceholder")}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => setTitle(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t("documents.kindLabel")}</label>
          <select
            id={`${id}-kind`}
            data-testid={TestId.newDocumentKind}
            value={kind}
            onChange={(event) => setKind(event.target.value as TDocumentKind)}
          >
            {DOCUMENT_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`kinds.${value}`)}
              </option>
            ))}
          </select>
        </div>
        {kind === "intervention" && (
          <>
            <div className="field field--grow">
              <label htmlFor={`${id}-forum`}>{t("deliverySettings.forum")}</label>
              <input
                id={`${id}-forum`}
                dir="auto"
                data-testid={TestId.newInterventionForum}
                value={forum}
                maxLength={MAX_DELIVERY_TEXT}
                placeholder={t("deliverySettings.forumPlaceholder")}
                onChange={(event) => setForum(event.target.value)}
              />
            </div>
            <div className="field field--grow">
              <label htmlFor={`${id}-agenda`}>{t("deliverySettings.agendaItem")}</label>
              <input
                id={`${id}-agenda`}
                dir="auto"
                data-testid={TestId.newInterventionAgendaItem}
                value={agendaItem}
                maxLength={MAX_DELIVERY_TEXT}
                placeholder={t("deliverySettings.agendaItemPlaceholder")}
                onChange={(event) => setAgendaItem(event.target.value)}
              />
            </div>
            <TimeLimitField
              id={`${id}-time`}
              value={time}
              onChange={setTime}
              error={timeError}
              testId={TestId.newInterventionTimeLimit}
            />
            <LanguageField
              id={`${id}-language`}
              value={language}
              onChange={setLanguage}
              testId={TestId.newInterventionLanguage}
            />
          </>
        )}
        <button type="submit" className="button primary" data-testid={TestId.createDocument} disabled={busy}>
          {busy ? t("documents.creating") : t("documents.create")}
        </button>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t("actions.cancel")}
          </button>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
