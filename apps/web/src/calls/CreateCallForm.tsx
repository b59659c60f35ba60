import {
  LANGUAGE_TAG_PATTERN,
  Limits,
  type TCall,
  type TCreateCall,
  type TDocument,
  type TMember,
} from "@caucus/shared";
import { useId, useMemo, useState } from "react";
import { createCall } from "../api/calls";
import { errorMessage } from "../api/errorMessage";
import { useTranslation } from "../i18n";
import { chosenSeconds } from "../speaking/duration";
import { LanguageField, TimeLimitField, type TTimeChoice } from "../speaking/fields";
import { TestId } from "../testIds";
import { CallTextFields, DeadlineField, LinkDraftField, useCallPlace, VenueField } from "./callFields";
import { instantToWallTime } from "./deadline";

/** A deadline to start from: 20 minutes from now, on the next five minutes, on the venue's clock. */
function soon(zone: string): string {
  const step = 5 * 60_000;
  return instantToWallTime(Math.ceil((Date.now() + 20 * 60_000) / step) * step, zone);
}

function startingLanguage(interfaceLanguage: string): string {
  const base = interfaceLanguage.split("-")[0] ?? "en";
  return ["en", "es", "fr", "ar", "zh", "ru"].includes(base) ? base : "en";
}

/**
 * A new call for interventions: where, on what, by when (on the venue's
 * clock, with the reader's own shown beside it), who speaks, and, checked
 * by default, its draft created from the intervention template in the
 * same step.
 */
export function CreateCallForm({
  workspaceId,
  members,
  documents,
  onCreated,
}: {
  workspaceId: string;
  members: readonly TMember[];
  documents: readonly TDocument[];
  onCreated: (call: TCall, draftCreated: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const place = useCallPlace({
    forum: "",
    agendaItem: "",
    zone: "Europe/Zurich",
    wallTime: useMemo(() => soon("Europe/Zurich"), []),
  });
  const [speakerId, setSpeakerId] = useState("");
  const [withDraft, setWithDraft] = useState(true);
  const [draftTitle, setDraftTitle] = useState("");
  const [draftId, setDraftId] = useState("");
  const [time, setTime] = useState<TTimeChoice>({ preset: "90", custom: "" });
  const [language, setLanguage] = useState(() => startingLanguage(i18n.language));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const checked = place.check();
    if ("error" in checked) return setError(checked.error);
    const input: TCreateCall = { ...checked, speakerId: speakerId || null };
    if (withDraft) {
      const limitSeconds = chosenSeconds(time);
      if (limitSeconds === null) return setError(t("deliverySettings.timeInvalid"));
      if (!LANGUAGE_TAG_PATTERN.test(language)) return setError(t("deliverySettings.languageInvalid"));
      input.draft = { language, limitSeconds, ...(draftTitle.trim() ? { title: draftTitle.trim() } : {}) };
    } else {
      input.draftId = draftId || null;
    }
    setBusy(true);
    setError(null);
    try {
      const call = await createCall(workspaceId, input);
      place.setForum("");
      place.setAgendaItem("");
      setDraftTitle("");
      setDraftId("");
      onCreated(call, withDraft);
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
      data-testid={TestId.callForm}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-heading`} className="section-title">
        {t("calls.newHeading")}
      </h2>
      <CallTextFields id={id} place={place} />
      <div className="create-form__fields">
        <VenueField id={id} place={place} />
        <DeadlineField id={id} place={place} />
        <div className="field">
          <label htmlFor={`${id}-speaker`}>{t("calls.speaker")}</label>
          <select
            id={`${id}-speaker`}
            data-testid={TestId.callSpeaker}
            value={speakerId}
            onChange={(event) => setSpeakerId(event.target.value)}
          >
            <option value="">{t("calls.noSpeaker")}</option>
            {members.map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid={TestId.callCreateDraft}
            checked={withDraft}
            onChange={(event) => setWithDraft(event.target.checked)}
          />
          {t("calls.createDraft")}
        </label>
      </div>
      <div className="create-form__fields">
        {withDraft ? (
          <>
            <div className="field field--grow">
              <label htmlFor={`${id}-draft-title`}>{t("calls.draftTitle")}</label>
              <input
                id={`${id}-draft-title`}
                dir="auto"
                data-testid={TestId.callDraftTitle}
                value={draftTitle}
                maxLength={Limits.maxTitleLength}
                placeholder={t("calls.draftTitlePlaceholder")}
                onChange={(event) => setDraftTitle(event.target.value)}
              />
            </div>
            <TimeLimitField id={`${id}-time`} value={time} onChange={setTime} testId={TestId.callTimeLimit} />
            <LanguageField id={`${id}-language`} value={language} onChange={setLanguage} />
          </>
        ) : (
          <LinkDraftField id={id} value={draftId} onChange={setDraftId} documents={documents} />
        )}
        <button type="submit" className="button primary" data-testid={TestId.createCall} disabled={busy}>
          {busy ? t("calls.adding") : t("calls.add")}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
