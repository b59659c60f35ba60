import { Limits } from "@caucus/shared";
import { useId, useState } from "react";
import { changePassword } from "../api/account";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { FormOutcome } from "./FormOutcome";
import { PasswordField } from "./PasswordField";
import { useFormAction } from "./useFormAction";

/** A new password, given the current one; every other device is signed out. */
export function PasswordSection() {
  const { t } = useTranslation();
  const id = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const { busy, error, done, run } = useFormAction();

  const save = () =>
    run(async () => {
      await changePassword({ currentPassword: current, newPassword: next });
      setCurrent("");
      setNext("");
      return t("account.passwordSaved");
    });

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="section-title">
        {t("account.passwordHeading")}
      </h2>
      <p>{t("account.passwordExplain")}</p>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <PasswordField
          id={`${id}-current`}
          label={t("account.currentPassword")}
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
          testId={TestId.accountCurrentPassword}
        />
        <PasswordField
          id={`${id}-new`}
          label={t("account.newPassword")}
          value={next}
          onChange={setNext}
          autoComplete="new-password"
          minLength={Limits.minPasswordLength}
          hint={t("auth.passwordHint", { min: Limits.minPasswordLength })}
          testId={TestId.accountNewPassword}
        />
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {t("account.changePassword")}
          </button>
        </div>
        <FormOutcome error={error} done={done} />
      </form>
    </section>
  );
}
