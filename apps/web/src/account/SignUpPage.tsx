import { Limits } from "@caucus/shared";
import { useId, useState } from "react";
import { signIn, signUp } from "../api/account";
import { ApiError } from "../api/client";
import { errorMessage } from "../api/errorMessage";
import { useTranslation } from "../i18n";
import { pendingInviteToken } from "../invitations/pendingToken";
import { followLink, signInPath } from "../router";
import { TestId } from "../testIds";
import { EmailField } from "./EmailField";
import { NameField } from "./NameField";
import { PasswordField } from "./PasswordField";
import { finishSignIn } from "./signInOut";
import { useInstall } from "./useInstall";

/** `/sign-up`: name (shown on the caret), email and a password of at least 10 characters. */
export function SignUpPage({ next }: { next: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const install = useInstall();

  const submit = async () => {
    if (password.length < Limits.minPasswordLength) {
      setError(t("errors.passwordTooShort", { min: Limits.minPasswordLength }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const account = { email: email.trim(), password };
      await signUp({ ...account, name: name.trim(), invitationToken: pendingInviteToken() ?? undefined });
      // Refused, or asking for a TOTP code: the address already had an account.
      if (!(await signInAfterSignUp(account))) {
        setError(t("errors.userExists"));
        setBusy(false);
        return;
      }
      await finishSignIn(next);
    } catch (caught) {
      setError(errorMessage(caught, t));
      setBusy(false);
    }
  };

  // By invitation only, and no invitation link in this tab: say what to do instead of a form that cannot work.
  const invitationOnly =
    install?.signUp === "invitation" && !install.firstAccount && pendingInviteToken() === null;

  return (
    <main className="page page--narrow" id="main">
      <h1 className="page-title">{t("auth.signUpHeading")}</h1>
      {invitationOnly ? (
        <p className="banner" role="status">
          {t("auth.invitationOnly")}
        </p>
      ) : (
        <form
          className="auth-form"
          aria-describedby={error ? `${id}-error` : undefined}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <NameField
            id={`${id}-name`}
            value={name}
            onChange={setName}
            hint={t("auth.nameHint")}
            testId={TestId.signUpName}
          />
          <EmailField
            id={`${id}-email`}
            value={email}
            onChange={setEmail}
            autoComplete="email"
            testId={TestId.signUpEmail}
          />
          <PasswordField
            id={`${id}-password`}
            label={t("auth.password")}
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
            testId={TestId.signUpPassword}
            hint={t("auth.passwordHint", { min: Limits.minPasswordLength })}
          />
          {error && (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button primary" data-testid={TestId.signUpSubmit} disabled={busy}>
            {busy ? t("auth.signingUp") : t("auth.signUp")}
          </button>
        </form>
      )}
      <p>
        {t("auth.haveAccount")}{" "}
        <a href={signInPath(next)} onClick={followLink}>
          {t("auth.signInLink")}
        </a>
      </p>
    </main>
  );
}

/** Signs in with what was just signed up with: whether that opened a session on this device. */
async function signInAfterSignUp(account: { email: string; password: string }): Promise<boolean> {
  try {
    return (await signIn(account)).status === "signedIn";
  } catch (caught) {
    if (caught instanceof ApiError && caught.code === "INVALID_EMAIL_OR_PASSWORD") return false;
    throw caught;
  }
}
