import { CALL_STATUSES, formatDuration, type TCall, type TCallStatus, type TMember } from "@caucus/shared";
import { useId } from "react";
import { useTranslation } from "../i18n";
import { documentPath, followLink } from "../router";
import { TestId } from "../testIds";
import { countdown, formatDeadline } from "./deadline";

interface Props {
  call: TCall;
  now: number;
  ownZone: string;
  /** Null for those who may only read the board. */
  manage: {
    members: readonly TMember[];
    onChange: (call: TCall, change: { status?: TCallStatus; speakerId?: string | null }) => void;
    onEdit: (call: TCall) => void;
    onDelete: (call: TCall) => void;
  } | null;
}

/** One call on the board: when (venue's clock and the reader's), who, the draft and its speaking time. */
export function CallRow({ call, now, ownZone, manage }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const name = t("calls.rowLabel", { forum: call.forum, agendaItem: call.agendaItem });
  const soon = call.status === "delivered" ? null : countdown(call.deadline, now, i18n.language);
  const estimate = call.estimate;

  return (
    <li
      className={`call-row call-row--${call.status}`}
      data-testid={TestId.callRow}
      data-call-id={call.id}
      aria-labelledby={`${id}-name`}
    >
      <div className="call-row__main">
        <h3 id={`${id}-name`} className="call-row__title" dir="auto">
          <span className="call-row__agenda">{call.agendaItem}</span>{" "}
          <span className="call-row__forum">{call.forum}</span>
        </h3>
        <p className="call-row__when" data-testid={TestId.callDeadlineShown}>
          <span>
            <span className="call-row__label">{t("calls.venueTime")}:</span>{" "}
            {formatDeadline(call.deadline, i18n.language, call.venueTimeZone)}
          </span>
          {ownZone !== call.venueTimeZone && (
            <span>
              <span className="call-row__label">{t("calls.yourTime")}:</span>{" "}
              {formatDeadline(call.deadline, i18n.language, ownZone)}
            </span>
          )}
          {soon && (
            <span
              className={`countdown${soon.past ? " countdown--past" : ""}`}
              data-testid={TestId.callCountdown}
            >
              {soon.text}
            </span>
          )}
        </p>
        <p className="call-row__draft">
          {call.draft ? (
            <a
              href={documentPath(call.draft.id)}
              data-testid={TestId.callDraftLink}
              dir="auto"
              onClick={followLink}
            >
              {call.draft.title}
            </a>
          ) : (
            <span className="hint">{t("calls.noDraftYet")}</span>
          )}
          {estimate && (
            <span
              className={`call-row__time${estimate.over ? " call-row__time--over" : ""}`}
              data-testid={TestId.callSpeakingTime}
              data-seconds={estimate.seconds}
              data-over={estimate.over ? "true" : undefined}
            >
              <span className="visually-hidden">{t("calls.speakingTime")}: </span>
              {estimate.mode === "time"
                ? t("calls.speakingTimeValue", {
                    time: formatDuration(estimate.seconds),
                    limit: formatDuration(estimate.limitSeconds ?? 0),
                  })
                : t("calls.speakingWordsValue", { count: estimate.words, limit: estimate.limitWords ?? 0 })}
              {estimate.over && <strong className="call-row__over"> {t("calls.over")}</strong>}
            </span>
          )}
        </p>
      </div>
      <div className="call-row__side">
        {manage ? (
          <>
            <div className="field">
              <label htmlFor={`${id}-status`}>{t("calls.status")}</label>
              <select
                id={`${id}-status`}
                data-testid={TestId.callStatus}
                value={call.status}
                onChange={(event) => manage.onChange(call, { status: event.target.value as TCallStatus })}
              >
                {CALL_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {t(`calls.statuses.${status}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-speaker`}>{t("calls.speaker")}</label>
              <select
                id={`${id}-speaker`}
                value={call.speaker?.id ?? ""}
                onChange={(event) => manage.onChange(call, { speakerId: event.target.value || null })}
              >
                <option value="">{t("calls.noSpeaker")}</option>
                {call.speaker && !manage.members.some((m) => m.userId === call.speaker?.id) && (
                  <option value={call.speaker.id}>{call.speaker.name}</option>
                )}
                {manage.members.map((member) => (
                  <option key={member.userId} value={member.userId}>
                    {member.name}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="button secondary"
              data-testid={TestId.callEdit}
              aria-label={t("calls.editNamed", { name })}
              onClick={() => manage.onEdit(call)}
            >
              {t("calls.edit")}
            </button>
            <button
              type="button"
              className="button secondary"
              data-testid={TestId.callDelete}
              aria-label={t("calls.deleteNamed", { name })}
              onClick={() => manage.onDelete(call)}
            >
              {t("calls.delete")}
            </button>
          </>
        ) : (
          <>
            <span className={`status-badge status-badge--${call.status}`} data-testid={TestId.callStatus}>
              {t(`calls.statuses.${call.status}`)}
            </span>
            <span>
              <span className="call-row__label">{t("calls.speaker")}:</span>{" "}
              {call.speaker?.name ?? t("calls.noSpeaker")}
            </span>
          </>
        )}
      </div>
    </li>
  );
}
