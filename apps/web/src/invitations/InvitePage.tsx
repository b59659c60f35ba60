import { useCallback, useEffect, useState } from "react";
import { refreshMe, useMe } from "../account/meStore";
import { ApiError } from "../api/client";
import { errorMessage } from "../api/errorMessage";
import { acceptInvitation, previewInvitation } from "../api/invitations";
import { useFormatDate } from "../common/useFormatDate";
import { useRequest } from "../common/useRequest";
import { useTranslation } from "../i18n";
import { documentPath, followLink, navigate, signInPath, workspacePath } from "../router";
import { TestId } from "../testIds";
import { clearInviteToken, takeInviteToken } from "./pendingToken";

/**
 * `/invite#<token>`: what the invitation offers, then Accept. Someone
 * without an account signs up (or in) first and comes back here.
 */
export function InvitePage() {
  const { t } = useTranslation();
  const me = useMe();
  const formatDate = useFormatDate();
  // Read once: the fragment is dropped after accepting, and the tab keeps a copy meanwhile.
  const [token] = useState(() => takeInviteToken(location.hash));
  const preview = useRequest(useCallback(() => (token ? previewInvitation(token) : null), [token]));
  // A link that no longer works (used, revoked, expired) is not kept for a later sign-up.
  const deadLink =
    preview.status === "error" && preview.error instanceof ApiError && preview.error.status === 404;
  useEffect(() => {
    if (deadLink) clearInviteToken();
  }, [deadLink]);
  const [accepting, setAccepting] = useState(false);
  const [acceptError, setAcceptError] = useState<string | null>(null);

  const accept = async () => {
    if (!token) return;
    setAccepting(true);
    setAcceptError(null);
    try {
      const joined = await acceptInvitation(token);
      clearInviteToken();
      // The token is used up; keep it out of history and of anything that reads the address.
      history.replaceState(null, "", location.pathname + location.search);
      await refreshMe();
      navigate(joined.documentId ? documentPath(joined.documentId) : workspacePath(joined.workspaceId), {
        replace: true,
      });
    } catch (caught) {
      setAcceptError(errorMessage(caught, t));
      setAccepting(false);
    }
  };

  if (!token) {
    return (
      <main className="page page--narrow" id="main">
        <h1 className="page-title">{t("invite.heading")}</h1>
        <p className="banner error" role="alert">
          {t("invite.noToken")}
        </p>
      </main>
    );
  }

  const signedIn = me.status === "signedIn";
  const invitation = preview.status === "ready" ? preview.value : undefined;
  return (
    <main className="page page--narrow" id="main">
      <h1 className="page-title">{t("invite.heading")}</h1>
      {preview.status === "loading" && <p className="hint">{t("invite.loading")}</p>}
      {preview.status === "error" && (
        <p className="banner error" role="alert">
          {errorMessage(preview.error, t)}
        </p>
      )}
      {invitation && (
        <section className="card" aria-labelledby="invite-summary">
          <p id="invite-summary" className="invite-summary">
            {invitation.documentTitle
              ? t("invite.toDocument", {
                  title: invitation.documentTitle,
                  workspace: invitation.workspaceName,
                })
              : t("invite.toWorkspace", { workspace: invitation.workspaceName })}
          </p>
          <dl className="facts">
            <dt>{t("invite.role")}</dt>
            <dd>
              {t(`roles.${invitation.role}`)} — {t(`roleHints.${invitation.role}`)}
            </dd>
            {invitation.invitedBy && (
              <>
                <dt>{t("invite.invitedBy")}</dt>
                <dd>{invitation.invitedBy}</dd>
              </>
            )}
            <dt>{t("invite.expires")}</dt>
            <dd>{formatDate(invitation.expiresAt)}</dd>
          </dl>
          {signedIn ? (
            <>
              <p className="hint">
                {t("invite.signedInAs", { name: me.me.user.name, email: me.me.user.email })}
              </p>
              {acceptError && (
                <p className="field-error" role="alert">
                  {acceptError}
                </p>
              )}
              <button
                type="button"
                className="button primary"
                data-testid={TestId.inviteAccept}
                disabled={accepting}
                onClick={() => void accept()}
              >
                {accepting ? t("invite.accepting") : t("invite.accept")}
              </button>
            </>
          ) : (
            <div className="invite-auth">
              <p>{t("invite.needAccount")}</p>
              <div className="button-row">
                <a className="button primary" href={signInPath("/invite", "sign-up")} onClick={followLink}>
                  {t("auth.signUp")}
                </a>
                <a className="button secondary" href={signInPath("/invite")} onClick={followLink}>
                  {t("auth.signIn")}
                </a>
              </div>
            </div>
          )}
        </section>
      )}
    </main>
  );
}
