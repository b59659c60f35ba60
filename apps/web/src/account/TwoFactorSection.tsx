import { useId, useState } from "react";
import { disableTwoFactor, enableTwoFactor, verifyTotp } from "../api/account";
import { useTranslation } from "../i18n";
import { refreshMe } from "./meStore";
import { PasswordField } from "./PasswordField";
import { TotpQrCode } from "./TotpQrCode";
import { totpSecret } from "./totp";
import { useFormAction } from "./useFormAction";

type TStep = { step: "idle" } | { step: "confirm"; totpURI: string; backupCodes: string[] };

/**
 * Two-step sign-in with an authenticator app (TOTP). Turning it on shows the
 * otpauth URI (as a QR code, as text, and its secret for typing by hand) and
 * the backup codes; it is on once a first code passes.
 */
export function TwoFactorSection({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [state, setState] = useState<TStep>({ step: "idle" });
  const { busy, error, done, run } = useFormAction();

  const start = () =>
    run(async () => {
      const answer = await enableTwoFactor(password);
      setPassword("");
      setState({ step: "confirm", ...answer });
      return undefined;
    });
  const confirm = () =>
    run(async () => {
      await verifyTotp(code.replace(/\s/g, ""));
      setCode("");
      setState({ step: "idle" });
      await refreshMe();
      return t("twoFactor.turnedOn");
    });
  const turnOff = () =>
    run(async () => {
      await disableTwoFactor(password);
      setPassword("");
      await refreshMe();
      return t("twoFactor.turnedOff");
    });

  const secret = state.step === "confirm" ? totpSecret(state.totpURI) : null;
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="section-title">
        {t("twoFactor.heading")}
      </h2>
      <p>{enabled ? t("twoFactor.isOn") : t("twoFactor.isOff")}</p>
      {done && <p role="status">{done}</p>}

      {state.step === "idle" && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void (enabled ? turnOff() : start());
          }}
        >
          <PasswordField
            id={`${id}-password`}
            label={t("twoFactor.passwordLabel")}
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
          />
          <div className="button-row">
            <button type="submit" className={enabled ? "button danger" : "button primary"} disabled={busy}>
              {enabled ? t("twoFactor.turnOff") : t("twoFactor.turnOn")}
            </button>
          </div>
        </form>
      )}

      {state.step === "confirm" && (
        <div className="stack">
          <p>{t("twoFactor.scan")}</p>
          <TotpQrCode uri={state.totpURI} label={t("twoFactor.qrLabel")} />
          {secret && (
            <p>
              {t("twoFactor.secret")} <code className="secret">{secret}</code>
            </p>
          )}
          <div className="field">
            <label htmlFor={`${id}-uri`}>{t("twoFactor.uri")}</label>
            <input
              id={`${id}-uri`}
              readOnly
              value={state.totpURI}
              dir="ltr"
              onFocus={(e) => e.target.select()}
            />
          </div>
          {state.backupCodes.length > 0 && (
            <>
              <p>{t("twoFactor.backupCodes")}</p>
              <ul className="backup-codes">
                {state.backupCodes.map((backup) => (
                  <li key={backup}>
                    <code>{backup}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault();
              void confirm();
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-code`}>{t("auth.code")}</label>
              <input
                id={`${id}-code`}
                value={code}
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={8}
                required
                onChange={(event) => setCode(event.target.value)}
              />
            </div>
            <div className="button-row">
              <button type="submit" className="button primary" disabled={busy}>
                {t("twoFactor.confirm")}
              </button>
              <button
                type="button"
                className="button secondary"
                disabled={busy}
                onClick={() => setState({ step: "idle" })}
              >
                {t("actions.cancel")}
              </button>
            </div>
          </form>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
