import { DOCUMENT_ROLES, type TDocumentGrant, type TRole } from "@caucus/shared";
import { useId } from "react";
import { useTranslation } from "../i18n";

interface Props {
  grant: TDocumentGrant;
  disabled: boolean;
  onChangeRole: (role: TRole) => void;
  onRemove: () => void;
}

/** One person's role on this document, marked when they are a guest from outside the workspace. */
export function GrantRow({ grant, disabled, onChangeRole, onRemove }: Props) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <li className="member-row">
      <div className="member-row__main">
        <span className="member-row__name" dir="auto">
          {grant.name}
          {!grant.isMember && <span className="hint"> · {t("share.guest")}</span>}
        </span>
        <span className="member-row__meta">{grant.email}</span>
      </div>
      <div className="member-row__actions">
        <label className="visually-hidden" htmlFor={`${id}-role`}>
          {t("members.roleOf", { name: grant.name })}
        </label>
        <select
          id={`${id}-role`}
          value={grant.role}
          disabled={disabled}
          onChange={(event) => onChangeRole(event.target.value as TRole)}
        >
          {DOCUMENT_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button danger"
          disabled={disabled}
          aria-label={t("share.removeNamed", { name: grant.name })}
          onClick={onRemove}
        >
          {t("share.remove")}
        </button>
      </div>
    </li>
  );
}
