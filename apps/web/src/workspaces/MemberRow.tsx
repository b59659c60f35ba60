import { ROLES, type TMember, type TRole } from "@caucus/shared";
import { useId } from "react";
import { useFormatDate } from "../common/useFormatDate";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";

interface Props {
  member: TMember;
  isSelf: boolean;
  /** The viewer may change roles and remove members. */
  manage: boolean;
  onChangeRole: (role: TRole) => void;
  onRemove: () => void;
  onLeave: () => void;
  /** Offered to owners when this Caucus has no mail: a one-time link to set a new password. */
  onResetLink?: (() => void) | undefined;
}

/** One member: name, email, role (a select for owners), and Remove, or Leave on one's own row. */
export function MemberRow({ member, isSelf, manage, onChangeRole, onRemove, onLeave, onResetLink }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const formatDate = useFormatDate();
  return (
    <li className="member-row" data-testid={TestId.memberRow} data-user-email={member.email}>
      <div className="member-row__main">
        <span className="member-row__name" dir="auto">
          {member.name}
          {isSelf && <span className="hint"> {t("members.you")}</span>}
        </span>
        <span className="member-row__meta">
          {member.email} · {t("members.joined", { date: formatDate(member.joinedAt) })}
        </span>
      </div>
      <div className="member-row__actions">
        {manage ? (
          <>
            <label className="visually-hidden" htmlFor={`${id}-role`}>
              {t("members.roleOf", { name: member.name })}
            </label>
            <select
              id={`${id}-role`}
              data-testid={TestId.memberRole}
              value={member.role}
              onChange={(event) => onChangeRole(event.target.value as TRole)}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
          </>
        ) : (
          <span className="role-badge">{t(`roles.${member.role}`)}</span>
        )}
        {isSelf ? (
          <button type="button" className="button secondary" onClick={onLeave}>
            {t("members.leave")}
          </button>
        ) : (
          manage && (
            <>
              {onResetLink && (
                <button
                  type="button"
                  className="button secondary"
                  data-testid={TestId.memberResetLink}
                  aria-label={t("members.resetLinkNamed", { name: member.name })}
                  onClick={onResetLink}
                >
                  {t("members.resetLink")}
                </button>
              )}
              <button
                type="button"
                className="button danger"
                data-testid={TestId.memberRemove}
                aria-label={t("members.removeNamed", { name: member.name })}
                onClick={onRemove}
              >
                {t("members.remove")}
              </button>
            </>
          )
        )}
      </div>
    </li>
  );
}
