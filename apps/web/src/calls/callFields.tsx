import { MAX_CALL_TEXT, type TDocument } from "@caucus/shared";
import { useMemo, useState } from "react";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { formatDeadline, isKnownTimeZone, ownTimeZone, wallTimeToInstant } from "./deadline";

/**
 * The fields a call is created and edited with (forum, agenda item, venue
 * and deadline on its clock, linked draft), shared by CreateCallForm and
 * EditCallForm so both check the same things the same way.
 */

/** Venues of the negotiations coalitions follow most, by their IANA zone. */
export const VENUES = [
  { key: "geneva", zone: "Europe/Zurich" },
  { key: "newYork", zone: "America/New_York" },
  { key: "vienna", zone: "Europe/Vienna" },
  { key: "nairobi", zone: "Africa/Nairobi" },
  { key: "bangkok", zone: "Asia/Bangkok" },
  { key: "bonn", zone: "Europe/Berlin" },
] as const;

/** The venue select's value for a zone: a listed venue or the reader's own zone, else "other". */
function venueChoice(zone: string, own: string): string {
  return VENUES.some((v) => v.zone === zone) || zone === own ? zone : "other";
}

/**
 * Where and when a call is: its forum and agenda item, the venue's zone
 * (a listed venue or any IANA name) and the deadline typed on the venue's
 * clock. `check()` returns the error to show (translated) or the values.
 */
export function useCallPlace(initial: { forum: string; agendaItem: string; zone: string; wallTime: string }) {
  const { t } = useTranslation();
  const own = useMemo(ownTimeZone, []);
  const [forum, setForum] = useState(initial.forum);
  const [agendaItem, setAgendaItem] = useState(initial.agendaItem);
  const [venue, setVenue] = useState(() => venueChoice(initial.zone, own));
  const [otherZone, setOtherZone] = useState(() =>
    venueChoice(initial.zone, own) === "other" ? initial.zone : "",
  );
  const [deadline, setDeadline] = useState(initial.wallTime);
  const zone = venue === "other" ? otherZone.trim() : venue;
  // The time typed stays as typed when the venue changes: it is read on the venue's clock, as the chair announces it.
  const zoneValid = isKnownTimeZone(zone);
  const instant = zoneValid ? wallTimeToInstant(deadline, zone) : null;

  const check = ():
    | { error: string }
    | { forum: string; agendaItem: string; deadline: string; venueTimeZone: string } => {
    if (forum.trim() === "" || agendaItem.trim() === "") return { error: t("calls.required") };
    if (!zoneValid) return { error: t("calls.venueZoneInvalid") };
    if (instant === null) return { error: t("calls.deadlineInvalid") };
    return {
      forum: forum.trim(),
      agendaItem: agendaItem.trim(),
      deadline: new Date(instant).toISOString(),
      venueTimeZone: zone,
    };
  };

  return {
    own,
    forum,
    setForum,
    agendaItem,
    setAgendaItem,
    venue,
    setVenue,
    otherZone,
    setOtherZone,
    deadline,
    setDeadline,
    zone,
    zoneValid,
    instant,
    check,
  };
}
export type TCallPlace = ReturnType<typeof useCallPlace>;

/** Forum and agenda item inputs. */
export function CallTextFields({ id, place }: { id: string; place: TCallPlace }) {
  const { t } = useTranslation();
  return (
    <div className="create-form__fields">
      <div className="field field--grow">
        <label htmlFor={`${id}-forum`}>{t("calls.forum")}</label>
        <input
          id={`${id}-forum`}
          dir="auto"
          data-testid={TestId.callForum}
          value={place.forum}
          maxLength={MAX_CALL_TEXT}
          placeholder={t("calls.forumPlaceholder")}
          onChange={(event) => place.setForum(event.target.value)}
        />
      </div>
      <div className="field field--grow">
        <label htmlFor={`${id}-agenda`}>{t("calls.agendaItem")}</label>
        <input
          id={`${id}-agenda`}
          dir="auto"
          data-testid={TestId.callAgendaItem}
          value={place.agendaItem}
          maxLength={MAX_CALL_TEXT}
          placeholder={t("calls.agendaItemPlaceholder")}
          onChange={(event) => place.setAgendaItem(event.target.value)}
        />
      </div>
    </div>
  );
}

/** The venue's zone (a listed venue, the reader's own, or any IANA name). */
export function VenueField({ id, place }: { id: string; place: TCallPlace }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={`${id}-venue`}>{t("calls.venue")}</label>
      <select
        id={`${id}-venue`}
        data-testid={TestId.callVenue}
        value={place.venue}
        onChange={(event) => place.setVenue(event.target.value)}
      >
        {VENUES.map((v) => (
          <option key={v.key} value={v.zone}>
            {t(`calls.venues.${v.key}`)} ({v.zone})
          </option>
        ))}
        {!VENUES.some((v) => v.zone === place.own) && (
          <option value={place.own}>{t("calls.venueOwn", { zone: place.own })}</option>
        )}
        <option value="other">{t("calls.venueOther")}</option>
      </select>
      {place.venue === "other" && (
        <>
          <label htmlFor={`${id}-zone`}>{t("calls.venueZone")}</label>
          <input
            id={`${id}-zone`}
            data-testid={TestId.callVenueZone}
            value={place.otherZone}
            maxLength={64}
            placeholder="America/Santiago"
            aria-invalid={place.otherZone !== "" && !place.zoneValid ? true : undefined}
            onChange={(event) => place.setOtherZone(event.target.value)}
          />
        </>
      )}
    </div>
  );
}

/** The deadline on the venue's clock, with the reader's own time beside it when they differ. */
export function DeadlineField({ id, place }: { id: string; place: TCallPlace }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={`${id}-deadline`}>{t("calls.deadline")}</label>
      <input
        id={`${id}-deadline`}
        type="datetime-local"
        data-testid={TestId.callDeadline}
        value={place.deadline}
        aria-describedby={`${id}-yours`}
        onChange={(event) => place.setDeadline(event.target.value)}
      />
      <span id={`${id}-yours`} className="hint">
        {place.instant !== null && place.zone !== place.own
          ? t("calls.deadlineYours", {
              time: formatDeadline(new Date(place.instant).toISOString(), i18n.language, place.own),
            })
          : ""}
      </span>
    </div>
  );
}

/** A draft to link, from the workspace's interventions; "" is none. */
export function LinkDraftField({
  id,
  value,
  onChange,
  documents,
  current,
}: {
  id: string;
  value: string;
  onChange: (draftId: string) => void;
  documents: readonly TDocument[];
  /** The draft linked now, kept as a choice even if the list does not hold it. */
  current?: { id: string; title: string } | null;
}) {
  const { t } = useTranslation();
  return (
    <div className="field field--grow">
      <label htmlFor={`${id}-draft`}>{t("calls.linkDraft")}</label>
      <select
        id={`${id}-draft`}
        data-testid={TestId.callLinkDraft}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{t("calls.noDraft")}</option>
        {current && !documents.some((d) => d.id === current.id) && (
          <option value={current.id}>{current.title}</option>
        )}
        {documents.map((document) => (
          <option key={document.id} value={document.id}>
            {document.title}
          </option>
        ))}
      </select>
    </div>
  );
}
