import { useState } from "react";
import { useTranslation } from "../i18n";

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: "current-password" | "new-password";
  testId?: string;
  /** A sentence under the field (the password rule), linked by aria-describedby. */
  hint?: string;
  minLength?: number;
}

/** A password input with a Show/Hide button, so people typing on a phone can check what they typed. */
export function PasswordField({ id, label, value, onChange, autoComplete, testId, hint, minLength }: Props) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="password-field">
        <input
          id={id}
          type={visible ? "text" : "password"}
          value={value}
          autoComplete={autoComplete}
          autoCapitalize="off"
          spellCheck={false}
          required
          minLength={minLength}
          data-testid={testId}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        <button
          type="button"
          className="button secondary"
          aria-controls={id}
          onClick={() => setVisible((shown) => !shown)}
        >
          {visible ? t("auth.hidePassword") : t("auth.showPassword")}
        </button>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
