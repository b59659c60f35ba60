import { Limits } from "@caucus/shared";
import { useTranslation } from "../i18n";

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** The sentence under the field: what the name is for. */
  hint: string;
  testId?: string;
}

/** A person's name (shown on their caret and comments), with what it is for under it. */
export function NameField({ id, value, onChange, hint, testId }: Props) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t("auth.name")}</label>
      <input
        id={id}
        value={value}
        autoComplete="name"
        maxLength={Limits.maxPersonNameLength}
        required
        data-testid={testId}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
    </div>
  );
}
