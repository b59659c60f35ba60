import {
  DOCUMENT_ROLES,
  grantApplies,
  type TDocument,
  type TDocumentGrant,
  type TMember,
  type TRole,
} from "@caucus/shared";
import { useCallback, useId, useState } from "react";
import { deleteDocumentAccess, listDocumentAccess, putDocumentAccess } from "../api/documents";
import { errorMessage } from "../api/errorMessage";
import { listMembers } from "../api/workspaces";
import { Dialog } from "../common/Dialog";
import { useRequest } from "../common/useRequest";
import { useTranslation } from "../i18n";
import { InviteForm } from "../invitations/InviteForm";
import { GrantRow } from "./GrantRow";

/**
 * Who has a role of their own on this document (owners only): change or
 * remove it, give one to a member, or invite someone to this document only.
 */
export function ShareDialog({ document, onClose }: { document: TDocument; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const access = useRequest<{ grants: TDocumentGrant[]; members: TMember[] }>(
    useCallback(
      () =>
        Promise.all([listDocumentAccess(document.id), listMembers(document.workspaceId)]).then(
          ([grants, members]) => ({ grants, members }),
        ),
      [document.id, document.workspaceId],
    ),
  );
  const grants = access.value?.grants ?? null;
  const members: readonly TMember[] = access.value?.members ?? [];
  const [actionError, setActionError] = useState<string | null>(null);
  const error = actionError ?? (access.status === "error" ? errorMessage(access.error, t) : null);
  const [adding, setAdding] = useState<{ userId: string; role: TRole }>({ userId: "", role: "editor" });
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setActionError(null);
    try {
      await action();
    } catch (caught) {
      setActionError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  };

  const setGrants = (change: (grants: TDocumentGrant[]) => TDocumentGrant[]) =>
    access.update((loaded) => loaded && { ...loaded, grants: change(loaded.grants) });
  const upsertGrant = (grant: TDocumentGrant) =>
    setGrants((prev) => [...prev.filter((g) => g.userId !== grant.userId), grant]);
  const change = (grant: TDocumentGrant, role: TRole) =>
    run(async () => upsertGrant(await putDocumentAccess(document.id, grant.userId, role)));
  const remove = (grant: TDocumentGrant) =>
    run(async () => {
      await deleteDocumentAccess(document.id, grant.userId);
      setGrants((prev) => prev.filter((g) => g.userId !== grant.userId));
    });
  const add = () =>
    run(async () => {
      if (!adding.userId) return;
      upsertGrant(await putDocumentAccess(document.id, adding.userId, adding.role));
      setAdding((prev) => ({ ...prev, userId: "" }));
    });

  const granted = new Set(grants?.map((grant) => grant.userId));
  // Owners stay owners on every document, so a grant would change nothing for them.
  const candidates = members.filter((member) => !granted.has(member.userId) && grantApplies(member.role));

  return (
    <Dialog title={t("share.heading", { title: document.title })} onClose={onClose}>
      <p className="hint">{t("share.explain")}</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby={`${id}-grants`} className="stack">
        <h3 id={`${id}-grants`} className="section-title">
          {t("share.grantsHeading")}
        </h3>
        {grants === null && !error && <p className="hint">{t("share.loading")}</p>}
        {grants?.length === 0 && <p className="hint">{t("share.none")}</p>}
        {grants && grants.length > 0 && (
          <ul className="member-list">
            {grants.map((grant) => (
              <GrantRow
                key={grant.userId}
                grant={grant}
                disabled={busy}
                onChangeRole={(role) => void change(grant, role)}
                onRemove={() => void remove(grant)}
              />
            ))}
          </ul>
        )}
      </section>

      <form
        className="invite-form"
        aria-labelledby={`${id}-add`}
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <h3 id={`${id}-add`} className="section-title invite-form__heading">
          {t("share.addHeading")}
        </h3>
        <div className="field field--grow">
          <label htmlFor={`${id}-member`}>{t("share.member")}</label>
          <select
            id={`${id}-member`}
            value={adding.userId}
            onChange={(event) => setAdding((prev) => ({ ...prev, userId: event.target.value }))}
          >
            <option value="">{t("share.chooseMember")}</option>
            {candidates.map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.name} ({member.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t("invite.role")}</label>
          <select
            id={`${id}-role`}
            value={adding.role}
            onChange={(event) => setAdding((prev) => ({ ...prev, role: event.target.value as TRole }))}
          >
            {DOCUMENT_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={busy || !adding.userId}>
          {t("share.add")}
        </button>
      </form>

      <section aria-labelledby={`${id}-invite`} className="stack">
        <h3 id={`${id}-invite`} className="section-title">
          {t("share.inviteHeading")}
        </h3>
        <p className="hint">{t("share.inviteExplain")}</p>
        <InviteForm workspaceId={document.workspaceId} documentId={document.id} />
      </section>
    </Dialog>
  );
}
