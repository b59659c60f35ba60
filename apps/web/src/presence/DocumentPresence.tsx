import { useMemo } from "react";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { PresenceAvatar } from "./PresenceAvatar";
import { othersOnline } from "./people";
import { usePresenceList } from "./usePresenceList";

/** Avatars a phone's one-row header has room for. */
const PHONE_AVATARS = 2;

/**
 * The people with this document open besides oneself, as avatars in their
 * caret colours, live. Each avatar is an image named "Diego Ruiz, remote".
 */
export function DocumentPresence({
  workspaceId,
  documentId,
  selfUserId,
}: {
  workspaceId: string;
  documentId: string;
  selfUserId: string | null;
}) {
  const { t, i18n } = useTranslation();
  const list = usePresenceList(workspaceId);
  const people = useMemo(
    () => othersOnline(list.entries.values(), selfUserId, { documentId, locale: i18n.language }),
    [list.entries, selfUserId, documentId, i18n.language],
  );
  return (
    <div className="document-presence" data-testid={TestId.documentPresence}>
      {people.length > 0 && (
        <ul className="document-presence__list" aria-label={t("presence.inThisDocument")}>
          {people.map((person) => {
            const label = t("presence.person", {
              name: person.name,
              status: t(`presence.statusInline.${person.status}`),
            });
            return (
              <li key={person.userId} data-testid={TestId.presenceAvatar} data-user-name={person.name}>
                <PresenceAvatar
                  name={person.name}
                  color={person.color}
                  status={person.status}
                  label={label}
                />
              </li>
            );
          })}
          {people.length > PHONE_AVATARS && (
            // A phone's header shows the first avatars and this count; the others stay in the list for screen readers.
            <li className="document-presence__more" aria-hidden="true">
              +{people.length - PHONE_AVATARS}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
