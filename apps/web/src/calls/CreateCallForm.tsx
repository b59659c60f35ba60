import {
  LANGUAGE_TAG_PATTERN,
  Limits,
  MAX_CALL_TEXT,
  type TCall,
  type TCreateCall,
  type TDocument,
  type TMember,
} from "@caucus/shared";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { createCall } from "../api/calls";
import { errorMessage } from "../api/errorMessage";
import { chosenSeconds } from "../speaking/duration";
import { LanguageField, TimeLimitField, type TTimeChoice } from "../speaking/fields";
import { TestId } from "../testIds";
import {
  formatDeadline,
  instantToWallTime,
  isKnownTimeZone,
  ownTimeZone,
  wallTimeToInstant,
} from "./deadline";

/** Venues of the negotiations coalitions follow most, by their IANA zone. */
const VENUES = [
  { key: "geneva", zone: "Europe/Zurich" },
  { key: "newYork", zone: "America/New_York" },
  { key: "vienna", zone: "Europe/Vienna" },
  { key: "nairobi", zone: "Africa/Nairobi" },
  { key: "bangkok", zone: "Asia/Bangkok" },
  { key: "bonn", zone: "Europe/Berlin" },
] as const;

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
  const own = useMemo(ownTimeZone, []);
  const [forum, setForum] = useState("");
  const [agendaItem, setAgendaItem] = useState("");
  const [venue, setVenue] = useState<string>("Europe/Zurich");
  const [otherZone, setOtherZone] = useState("");
  const zone = venue === "other" ? otherZone.trim() : venue;
  const [deadline, setDeadline] = useState(() => soon("Europe/Zurich"));
  const [speakerId, setSpeakerId] = useState("");
  const [withDraft, setWithDraft] = useState(true);
  const [draftTitle, setDraftTitle] = useState("");
  const [draftId, setDraftId] = useState("");
  const [time, setTime] = useState<TTimeChoice>({ preset: "90", custom: "" });
  const [language, setLanguage] = useState(() => startingLanguage(i18n.language));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The time typed stays as typed when the venue changes: it is read on the venue's clock, as the chair announces it.
  const zoneValid = isKnownTimeZone(zone);
  const instant = zoneValid ? wallTimeToInstant(deadline, zone) : null;

  const submit = async () => {
    if (forum.trim() === "" || agendaItem.trim() === "") return setError(t("calls.required"));
    if (!zoneValid) return setError(t("calls.venueZoneInvalid"));
    if (instant === null) return setError(t("calls.deadlineInvalid"));
    const input: TCreateCall = {
      forum: forum.trim(),
      agendaItem: agendaItem.trim(),
      deadline: new Date(instant).toISOString(),
      venueTimeZone: zone,
      speakerId: speakerId || null,
    };
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
      setForum("");
      setAgendaItem("");
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
      <div className="create-form__fields">
        <div className="field field--grow">
          <label htmlFor={`${id}-forum`}>{t("calls.forum")}</label>
          <input
            id={`${id}-forum`}
            dir="auto"
            data-testid={TestId.callForum}
            value={forum}
            maxLength={MAX_CALL_TEXT}
            placeholder={t("calls.forumPlaceholder")}
            onChange={(event) => setForum(event.target.value)}
          />
        </div>
        <div className="field field--grow">
          <label htmlFor={`${id}-agenda`}>{t("calls.agendaItem")}</label>
          <input
            id={`${id}-agenda`}
            dir="auto"
            data-testid={TestId.callAgendaItem}
            value={agendaItem}
            maxLength={MAX_CALL_TEXT}
            placeholder={t("calls.agendaItemPlaceholder")}
            onChange={(event) => setAgendaItem(event.target.value)}
          />
        </div>
      </div>
      <div className="create-form__fields">
        <div className="field">
          <label htmlFor={`${id}-venue`}>{t("calls.venue")}</label>
          <select
            id={`${id}-venue`}
            data-testid={TestId.callVenue}
            value={venue}
            onChange={(event) => setVenue(event.target.value)}
          >
            {VENUES.map((v) => (
              <option key={v.key} value={v.zone}>
                {t(`calls.venues.${v.key}`)} ({v.zone})
              </option>
            ))}
            {!VENUES.some((v) => v.zone === own) && (
              <option value={own}>{t("calls.venueOwn", { zone: own })}</option>
            )}
            <option value="other">{t("calls.venueOther")}</option>
          </select>
          {venue === "other" && (
            <>
              <label htmlFor={`${id}-zone`}>{t("calls.venueZone")}</label>
              <input
                id={`${id}-zone`}
                data-testid={TestId.callVenueZone}
                value={otherZone}
                maxLength={64}
                placeholder="America/Santiago"
                aria-invalid={otherZone !== "" && !zoneValid ? true : undefined}
                onChange={(event) => setOtherZone(event.target.value)}
              />
            </>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-deadline`}>{t("calls.deadline")}</label>
          <input
            id={`${id}-deadline`}
            type="datetime-local"
            data-testid={TestId.callDeadline}
            value={deadline}
            aria-describedby={`${id}-yours`}
            onChange={(event) => setDeadline(event.target.value)}
          />
          <span id={`${id}-yours`} className="hint">
            {instant !== null && zone !== own
              ? t("calls.deadlineYours", {
                  time: formatDeadline(new Date(instant).toISOString(), i18n.language, own),
                })
              : ""}
          </span>
        </div>
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
          <div className="field field--grow">
            <label htmlFor={`${id}-draft`}>{t("calls.linkDraft")}</label>
            <select
              id={`${id}-draft`}
              data-testid={TestId.callLinkDraft}
              value={draftId}
              onChange={(event) => setDraftId(event.target.value)}
            >
              <option value="">{t("calls.noDraft")}</option>
              {documents.map((document) => (
                <option key={document.id} value={document.id}>
                  {document.title}
                </option>
              ))}
            </select>
          </div>
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
