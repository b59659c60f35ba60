import { useState } from "react";
import { errorMessage } from "../api/errorMessage";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { AccountDetails } from "./AccountDetails";
import { useSignedInMe } from "./meStore";
import { PasswordSection } from "./PasswordSection";
import { signOutAndLeave } from "./signInOut";
import { TwoFactorSection } from "./TwoFactorSection";

/** `/account`: the person's name, address and password, sign out here or everywhere, and two-step sign-in. */
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
      <AccountDetails user={me.user} />
      <PasswordSection />

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
