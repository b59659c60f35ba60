import { DOCUMENT_ROLES, ROLES, type TInvitation, type TRole } from "@caucus/shared";
import { useId, useRef, useState } from "react";
import { errorMessage } from "../api/errorMessage";
import { createInvitation, invitationLink } from "../api/invitations";
import { OneTimeLink } from "../common/OneTimeLink";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";

/** Expiry choices, in hours (the API takes 1–720). */
export const EXPIRY_HOURS = [24, 7 * 24, 30 * 24] as const;
const DEFAULT_EXPIRY = 7 * 24;

interface Props {
  workspaceId: string;
  /** Invite to this document only. */
  documentId?: string;
  onCreated?: (invitation: TInvitation) => void;
}

/**
 * Role and expiry, then a link to send. The link holds a secret the server
 * keeps only as a hash, so it is shown this once, with a Copy button.
 */
export function InviteForm({ workspaceId, documentId, onCreated }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const roles = documentId ? DOCUMENT_ROLES : ROLES;
  const [role, setRole] = useState<TRole>(documentId ? "commenter" : "editor");
  const [hours, setHours] = useState<number>(DEFAULT_EXPIRY);
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const linkInput = useRef<HTMLInputElement>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const { invitation, token } = await createInvitation(workspaceId, {
        role,
        expiresInHours: hours,
        ...(documentId ? { documentId } : {}),
      });
      setLink(invitationLink(location.origin, token));
      onCreated?.(invitation);
      // Focus the link so a keyboard or screen-reader user lands on what to send.
      requestAnimationFrame(() => linkInput.current?.select());
    } catch (caught) {
      setError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <form
        className="invite-form"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-role`}>{t("invite.role")}</label>
          <select
            id={`${id}-role`}
            data-testid={TestId.inviteRole}
            value={role}
            aria-describedby={`${id}-role-hint`}
            onChange={(event) => setRole(event.target.value as TRole)}
          >
            {roles.map((value) => (
              <option key={value} value={value}>
                {t(`roles.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-expiry`}>{t("invite.expiryLabel")}</label>
          <select
            id={`${id}-expiry`}
            data-testid={TestId.inviteExpiry}
            value={hours}
            onChange={(event) => setHours(Number(event.target.value))}
          >
            {EXPIRY_HOURS.map((value) => (
              <option key={value} value={value}>
                {t("invite.expiryDays", { count: value / 24 })}
              </option>
            ))}
          </select>
        </div>
        <p id={`${id}-role-hint`} className="field-hint invite-form__hint">
          {t(`roleHints.${role}`)}
        </p>
        <button type="submit" className="button primary" data-testid={TestId.inviteCreate} disabled={busy}>
          {busy ? t("invite.creating") : link ? t("invite.createAnother") : t("invite.create")}
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {link && (
        <OneTimeLink
          key={link}
          link={link}
          label={t("invite.linkLabel")}
          hint={t("invite.shownOnce", { count: hours / 24 })}
          testId={TestId.inviteLink}
          inputRef={linkInput}
        />
      )}
    </div>
  );
}
