import { useState } from "react";
import { errorMessage } from "../api/errorMessage";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { useSignedInMe } from "./meStore";
import { signOutAndLeave } from "./signInOut";
import { TwoFactorSection } from "./TwoFactorSection";

/** `/account`: who is signed in, sign out here or everywhere, and two-step sign-in. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!me) return null;

  const everywhere = async () => {
    setBusy(true);
    setError(null);
    try {
      await signOutAndLeave(true);
    } catch (caught) {
      setError(errorMessage(caught, t));
      setBusy(false);
    }
  };

  return (
    <main className="page page--narrow" id="main">
      <h1 className="page-title">{t("account.heading")}</h1>
      <section className="card" aria-labelledby="account-who">
        <h2 id="account-who" className="section-title">
          {t("account.signedInAs")}
        </h2>
        <dl className="facts">
          <dt>{t("auth.name")}</dt>
          <dd>{me.user.name}</dd>
          <dt>{t("auth.email")}</dt>
          <dd>{me.user.email}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="account-sessions">
        <h2 id="account-sessions" className="section-title">
          {t("account.sessionsHeading")}
        </h2>
        <p>{t("account.everywhereExplain")}</p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row">
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => void signOutAndLeave()}
          >
            {t("account.signOut")}
          </button>
          <button
            type="button"
            className="button danger"
            data-testid={TestId.signOutEverywhere}
            disabled={busy}
            onClick={() => void everywhere()}
          >
            {t("account.signOutEverywhere")}
          </button>
        </div>
      </section>

      <TwoFactorSection enabled={me.user.twoFactorEnabled} />
    </main>
  );
}
