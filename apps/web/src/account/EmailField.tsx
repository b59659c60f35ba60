import { useTranslation } from "../i18n";

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** `username` where it signs in (password managers pair it), `email` where it creates an account. */
  autoComplete: "username" | "email";
  testId?: string;
}

/** The email field of the sign-in and sign-up forms: no capitals, no spell-check, the email keyboard on phones. */
export function EmailField({ id, value, onChange, autoComplete, testId }: Props) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t("auth.email")}</label>
      <input
        id={id}
        type="email"
        value={value}
        autoComplete={autoComplete}
        autoCapitalize="off"
        spellCheck={false}
        inputMode="email"
        required
        data-testid={testId}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
