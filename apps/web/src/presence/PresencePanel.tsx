import type { TDocument } from "@caucus/shared";
import { useMemo } from "react";
import { useSignedInMe } from "../account/meStore";
import { useTranslation } from "../i18n";
import { documentPath, followLink } from "../router";
import { TestId } from "../testIds";
import { localTimeIn, placeOfTimeZone } from "./localTime";
import { PresenceAvatar } from "./PresenceAvatar";
import { othersOnline, type TPresencePerson } from "./people";
import { useMinute } from "./useNow";
import { usePresenceList } from "./usePresenceList";

/**
 * "Online now" on a workspace's document list: who else is here, in the
 * room or remote, in which document, and what time it is where they are,
 * so a call for interventions reaches the right people in minutes.
 */
export function PresencePanel({
  workspaceId,
  documents,
}: {
  workspaceId: string;
  /** The page's documents, to name the ones people are in; null while loading. */
  documents: readonly TDocument[] | null;
}) {
  const { t, i18n } = useTranslation();
  const me = useSignedInMe();
  const list = usePresenceList(workspaceId);
  const now = useMinute();
  const people = useMemo(
    () => othersOnline(list.entries.values(), me?.user.id ?? null, { locale: i18n.language }),
    [list.entries, me?.user.id, i18n.language],
  );
  const titles = useMemo(() => new Map(documents?.map((d) => [d.id, d.title])), [documents]);
  const known = list.status === "live" || list.status === "stale";

  return (
    <section className="presence-panel" aria-labelledby="presence-heading" data-testid={TestId.presencePanel}>
      <h2 id="presence-heading" className="section-title presence-panel__heading">
        {t("presence.heading")}
        {known && (
          <span className="presence-panel__count" aria-live="polite">
            {t("presence.count", { count: people.length })}
          </span>
        )}
      </h2>
      {list.status === "connecting" && <p className="hint">{t("presence.connecting")}</p>}
      {list.status === "unavailable" && <p className="hint">{t("presence.unavailable")}</p>}
      {list.status === "stale" && <p className="hint">{t("presence.stale")}</p>}
      {known && people.length === 0 && <p className="hint">{t("presence.empty")}</p>}
      {known && people.length > 0 && (
        <ul className="presence-list">
          {people.map((person) => (
            <PersonRow key={person.userId} person={person} titles={titles} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PersonRow({
  person,
  titles,
  now,
}: {
  person: TPresencePerson;
  titles: ReadonlyMap<string, string>;
  now: Date;
}) {
  const { t, i18n } = useTranslation();
  const time = localTimeIn(person.timeZone, now, i18n.language);
  return (
    <li
      className="presence-person"
      data-testid={TestId.presencePerson}
      data-user-name={person.name}
      data-status={person.status}
    >
      <PresenceAvatar name={person.name} color={person.color} status={person.status} />
      <div className="presence-person__main">
        <span className="presence-person__name" dir="auto">
          {person.name}
        </span>
        <span className={`presence-status-label presence-status-label--${person.status}`}>
          {t(`presence.status.${person.status}`)}
        </span>
        <span className="presence-person__where">
          <Whereabouts documentIds={person.documentIds} titles={titles} />
        </span>
        {time && (
          <span className="presence-person__time">
            {t("presence.localTime", { time, place: placeOfTimeZone(person.timeZone) })}
          </span>
        )}
      </div>
    </li>
  );
}

/** "Browsing the list", or "In “A” and “B”" with each title a link to join them there. */
function Whereabouts({
  documentIds,
  titles,
}: {
  documentIds: readonly string[];
  titles: ReadonlyMap<string, string>;
}) {
  const { t, i18n } = useTranslation();
  if (documentIds.length === 0) return <>{t("presence.browsing")}</>;
  // The sentence around the list, then each language's own "A, B and C" with links for the elements.
  const [before = "", after = ""] = t("presence.inDocuments", { titles: "\u0000" }).split("\u0000");
  const parts = new Intl.ListFormat(i18n.language, { type: "conjunction" }).formatToParts(documentIds);
  return (
    <>
      {before}
      {parts.map((part) => {
        if (part.type === "literal") return part.value;
        const title = titles.get(part.value);
        return title === undefined ? (
          <span key={part.value}>{t("presence.otherDocument")}</span>
        ) : (
          <a key={part.value} href={documentPath(part.value)} onClick={followLink} dir="auto">
            {t("presence.quoted", { title })}
          </a>
        );
      })}
      {after}
    </>
  );
}
