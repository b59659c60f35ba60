import { Limits, uiLanguageOf } from "@caucus/shared";
import { useId, useState } from "react";
import { requestPasswordReset } from "../api/account";
import { useTranslation } from "../i18n";
import { followLink, signInPath } from "../router";
import { TestId } from "../testIds";
import { EmailField } from "./EmailField";
import { FormOutcome } from "./FormOutcome";
import { useFormAction } from "./useFormAction";
import { useInstall } from "./useInstall";

/**
 * `/forgot-password`: with mail, a reset link is mailed to the address; without,
 * the page says to ask an owner of the workspace for one.
 */
export function ForgotPasswordPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const install = useInstall();
  const [email, setEmail] = useState("");
  const { busy, error, done, run } = useFormAction();

  const submit = () =>
    run(async () => {
      // The mail comes in the language of this page.
      await requestPasswordReset(email.trim(), uiLanguageOf(i18n.language));
      return t("reset.mailSent", { minutes: Limits.passwordResetMinutes });
    });

  return (
    <main className="page page--narrow" id="main">
      <h1 className="page-title">{t("reset.forgotHeading")}</h1>
      {install === null ? (
        <p className="hint">{t("reset.checking")}</p>
      ) : install.passwordReset === "mail" ? (
        <form
          className="auth-form"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <p>{t("reset.byMail")}</p>
          <EmailField
            id={`${id}-email`}
            value={email}
            onChange={setEmail}
            autoComplete="username"
            testId={TestId.forgotEmail}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {t("reset.send")}
          </button>
          <FormOutcome error={error} done={done} />
        </form>
      ) : (
        <p>{t("reset.byOwner")}</p>
      )}
      <p>
        <a href={signInPath()} onClick={followLink}>
          {t("reset.backToSignIn")}
        </a>
      </p>
    </main>
  );
}
