import { useState } from "react";
import { errorMessage } from "../api/errorMessage";
import { ConfirmDialog } from "../common/ConfirmDialog";
import { useTranslation } from "../i18n";
import { unsentEdits } from "../sync/localCopies";
import { TestId } from "../testIds";
import { AccountDetails } from "./AccountDetails";
import { useSignedInMe } from "./meStore";
import { PasswordSection } from "./PasswordSection";
import { signOutAndErase, signOutAndLeave } from "./signInOut";
import { TwoFactorSection } from "./TwoFactorSection";
import { useSignOutConfirm } from "./useSignOutConfirm";

/** `/account`: the person's name, address and password, sign out here or everywhere, and two-step sign-in. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Counted when asked: edits made in another tab since the page opened count too.
  const [erasing, setErasing] = useState<{ unsent: number } | null>(null);
  const signingOut = useSignOutConfirm();

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
            onClick={() => void signingOut.ask(() => signOutAndLeave())}
          >
            {t("account.signOut")}
          </button>
          <button
            type="button"
            className="button danger"
            data-testid={TestId.signOutAndErase}
            disabled={busy}
            onClick={() => setErasing({ unsent: unsentEdits() })}
          >
            {t("account.erase")}
          </button>
          <button
            type="button"
            className="button danger"
            data-testid={TestId.signOutEverywhere}
            disabled={busy}
            onClick={() => void signingOut.ask(everywhere)}
          >
            {t("account.signOutEverywhere")}
          </button>
        </div>
      </section>

      <TwoFactorSection enabled={me.user.twoFactorEnabled} />
      {signingOut.dialog}
      {erasing && (
        <ConfirmDialog
          title={t("account.eraseHeading")}
          message={
            erasing.unsent > 0
              ? t("account.eraseUnsent", { count: erasing.unsent })
              : t("account.eraseAllSent")
          }
          confirmLabel={t("account.eraseConfirm")}
          onConfirm={signOutAndErase}
          onClose={() => setErasing(null)}
        />
      )}
    </main>
  );
}
