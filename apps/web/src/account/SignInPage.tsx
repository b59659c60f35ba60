import { useEffect, useId, useState } from "react";
import { signIn, verifyTotp } from "../api/account";
import { errorMessage } from "../api/errorMessage";
import { focusOnMount } from "../common/focusOnMount";
import { useTranslation } from "../i18n";
import { pendingInviteToken } from "../invitations/pendingToken";
import { followLink, navigate, signInPath } from "../router";
import { TestId } from "../testIds";
import { EmailField } from "./EmailField";
import { PasswordField } from "./PasswordField";
import { finishSignIn } from "./signInOut";
import { useInstall } from "./useInstall";

/** `/sign-in`: email and password, then a code from an authenticator app when the account has TOTP on. */
export function SignInPage({ next }: { next: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [step, setStep] = useState<"password" | "code">("password");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const install = useInstall();
  // Arrived from "Sign out and erase this device": say it is done.
  const [erased] = useState(() => new URLSearchParams(location.search).has("erased"));
  // A fresh install has no account to sign in to: open on creating the first one.
  useEffect(() => {
    if (install?.firstAccount) navigate(signInPath(next, "sign-up"), { replace: true });
  }, [install, next]);
  // By invitation only, creating an account is offered to someone who came from an invitation link.
  const mayCreateAccount = install?.signUp !== "invitation" || pendingInviteToken() !== null;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (step === "password") {
        const result = await signIn({ email: email.trim(), password });
        if (result.status === "needsCode") {
          setStep("code");
          setBusy(false);
          return;
        }
      } else {
        await verifyTotp(code.replace(/\s/g, ""));
      }
      await finishSignIn(next);
    } catch (caught) {
      setError(errorMessage(caught, t));
      setBusy(false);
    }
  };

  return (
    <main className="page page--narrow" id="main">
      <h1 className="page-title">{t("auth.signInHeading")}</h1>
      {erased && (
        <p className="banner" role="status">
          {t("account.erased")}
        </p>
      )}
      <form
        className="auth-form"
        aria-describedby={error ? `${id}-error` : undefined}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {step === "password" ? (
          <>
            <EmailField
              id={`${id}-email`}
              value={email}
              onChange={setEmail}
              autoComplete="username"
              testId={TestId.signInEmail}
            />
            <PasswordField
              id={`${id}-password`}
              label={t("auth.password")}
              value={password}
              onChange={setPassword}
              autoComplete="current-password"
              testId={TestId.signInPassword}
            />
          </>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-code`}>{t("auth.code")}</label>
            <input
              id={`${id}-code`}
              value={code}
              autoComplete="one-time-code"
              inputMode="numeric"
              pattern="[0-9 ]*"
              maxLength={8}
              required
              // The person just asked for this step; the code is all it needs.
              ref={focusOnMount}
              data-testid={TestId.signInCode}
              aria-describedby={`${id}-code-hint`}
              onChange={(event) => setCode(event.target.value)}
            />
            <p id={`${id}-code-hint`} className="field-hint">
              {t("auth.codeHint")}
            </p>
          </div>
        )}
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" data-testid={TestId.signInSubmit} disabled={busy}>
          {busy ? t("auth.signingIn") : step === "code" ? t("auth.verify") : t("auth.signIn")}
        </button>
      </form>
      <p>
        <a href="/forgot-password" onClick={followLink}>
          {t("reset.forgotLink")}
        </a>
        {install && (
          <> {install.passwordReset === "mail" ? t("reset.signInHintMail") : t("reset.signInHintOwner")}</>
        )}
      </p>
      {mayCreateAccount ? (
        <p>
          {t("auth.noAccount")}{" "}
          <a href={signInPath(next, "sign-up")} onClick={followLink}>
            {t("auth.signUpLink")}
          </a>
        </p>
      ) : (
        <p>{t("auth.invitationOnly")}</p>
      )}
    </main>
  );
}
