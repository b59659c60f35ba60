import type { TMe } from "@caucus/shared";
import { useId, useState } from "react";
import { changeEmail, changeName } from "../api/account";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { FormOutcome } from "./FormOutcome";
import { refreshMe } from "./meStore";
import { NameField } from "./NameField";
import { PasswordField } from "./PasswordField";
import { useFormAction } from "./useFormAction";

/** The person's name and sign-in address, each changed in its own form. */
export function AccountDetails({ user }: { user: TMe["user"] }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const naming = useFormAction();
  const moving = useFormAction();

  const saveName = () =>
    naming.run(async () => {
      await changeName(name);
      await refreshMe();
      return t("account.nameSaved");
    });
  const saveEmail = () =>
    moving.run(async () => {
      await changeEmail({ email, currentPassword: password });
      setEmail("");
      setPassword("");
      await refreshMe();
      return t("account.emailSaved");
    });

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="section-title">
        {t("account.detailsHeading")}
      </h2>
      <form
        className="stack"
        aria-label={t("account.nameForm")}
        onSubmit={(event) => {
          event.preventDefault();
          void saveName();
        }}
      >
        <NameField
          id={`${id}-name`}
          value={name}
          onChange={setName}
          hint={t("account.nameHint")}
          testId={TestId.accountName}
        />
        <div className="button-row">
          <button
            type="submit"
            className="button primary"
            disabled={naming.busy || name.trim() === user.name}
          >
            {t("account.saveName")}
          </button>
        </div>
        <FormOutcome error={naming.error} done={naming.done} />
      </form>

      <form
        className="stack"
        aria-label={t("account.emailForm")}
        onSubmit={(event) => {
          event.preventDefault();
          void saveEmail();
        }}
      >
        <p>{t("account.currentEmail", { email: user.email })}</p>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t("account.newEmail")}</label>
          <input
            id={`${id}-email`}
            type="email"
            value={email}
            autoComplete="email"
            autoCapitalize="off"
            spellCheck={false}
            inputMode="email"
            required
            dir="ltr"
            data-testid={TestId.accountEmail}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <PasswordField
          id={`${id}-email-password`}
          label={t("account.currentPassword")}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
        />
        <div className="button-row">
          <button type="submit" className="button primary" disabled={moving.busy}>
            {t("account.changeEmail")}
          </button>
        </div>
        <FormOutcome error={moving.error} done={moving.done} />
      </form>
    </section>
  );
}
