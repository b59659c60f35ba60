import type { TInvitation } from "@caucus/shared";
import { useFormatDate } from "../common/useFormatDate";
import { useTranslation } from "../i18n";

/** Invitations not used yet, each revocable (a link sent to the wrong person). */
export function PendingInvitations({
  invitations,
  onRevoke,
}: {
  invitations: TInvitation[];
  onRevoke: (invitation: TInvitation) => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <section aria-labelledby="invitations-heading" className="section">
      <h2 id="invitations-heading" className="section-title">
        {t("invitations.heading")}
      </h2>
      {invitations.length === 0 ? (
        <p className="hint">{t("invitations.none")}</p>
      ) : (
        <ul className="member-list">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="member-row">
              <div className="member-row__main">
                <span className="member-row__name">
                  {t(`roles.${invitation.role}`)}
                  {invitation.documentId && <span className="hint"> · {t("invitations.oneDocument")}</span>}
                </span>
                <span className="member-row__meta">
                  {t("invitations.expires", { date: formatDate(invitation.expiresAt) })}
                  {invitation.createdBy && ` · ${t("invitations.by", { name: invitation.createdBy.name })}`}
                </span>
              </div>
              <div className="member-row__actions">
                <button type="button" className="button danger" onClick={() => onRevoke(invitation)}>
                  {t("invitations.revoke")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
