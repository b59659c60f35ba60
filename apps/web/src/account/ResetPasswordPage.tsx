import { Limits } from "@caucus/shared";
import { useId, useState } from "react";
import { resetPassword } from "../api/account";
import { useTranslation } from "../i18n";
import { followLink, resetTokenFromHash, signInPath } from "../router";
import { TestId } from "../testIds";
import { FormOutcome } from "./FormOutcome";
import { PasswordField } from "./PasswordField";
import { useFormAction } from "./useFormAction";

/**
 * `/reset-password#token=…`: a new password from a one-time link (mailed, or
 * from an owner). The token is read once and taken out of the address, so
 * it is in no history entry or screenshot of the address bar.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const id = useId();
  const [token] = useState(() => {
    const found = resetTokenFromHash(location.hash);
    if (location.hash) history.replaceState(null, "", location.pathname);
    return found;
  });
  const [password, setPassword] = useState("");
  const [finished, setFinished] = useState(false);
  const { busy, error, done, run } = useFormAction();

  const submit = () =>
    run(async () => {
      if (!token) return undefined;
      await resetPassword({ token, newPassword: password });
      setPassword("");
      setFinished(true);
      return t("reset.done");
    });

  return (
    <main className="page page--narrow" id="main">
      <h1 className="page-title">{t("reset.heading")}</h1>
      {!token ? (
        <p className="banner error" role="alert">
          {t("reset.noToken")}
        </p>
      ) : finished ? (
        <FormOutcome error={null} done={done} />
      ) : (
        <form
          className="auth-form"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <PasswordField
            id={`${id}-password`}
            label={t("account.newPassword")}
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
            minLength={Limits.minPasswordLength}
            hint={t("auth.passwordHint", { min: Limits.minPasswordLength })}
            testId={TestId.resetPassword}
          />
          <p className="hint">{t("reset.signsOut")}</p>
          <button type="submit" className="button primary" disabled={busy}>
            {t("reset.submit")}
          </button>
          <FormOutcome error={error} done={null} />
        </form>
      )}
      <p>
        <a href={signInPath()} onClick={followLink}>
          {finished ? t("reset.signInNow") : t("reset.backToSignIn")}
        </a>
      </p>
    </main>
  );
}
