import { type RefObject, useId, useRef, useState } from "react";
import { useTranslation } from "../i18n";

interface Props {
  link: string;
  label: string;
  /** What the link does and for how long: it is shown this once. */
  hint: string;
  testId?: string;
  /** The input, to focus it when the link appears. */
  inputRef?: RefObject<HTMLInputElement | null> | undefined;
}

/**
 * A secret link shown once (an invitation, a password reset): selectable
 * text, and a Copy button that falls back to selecting it for Ctrl+C.
 */
export function OneTimeLink({ link, label, hint, testId, inputRef }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const own = useRef<HTMLInputElement>(null);
  const input = inputRef ?? own;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard permission (or not a secure context): select it for Ctrl+C instead.
      input.current?.select();
    }
  };

  return (
    <div className="invite-link">
      <label htmlFor={`${id}-link`}>{label}</label>
      <div className="invite-link__row">
        <input
          id={`${id}-link`}
          ref={input}
          readOnly
          dir="ltr"
          value={link}
          data-testid={testId}
          aria-describedby={`${id}-link-hint`}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button secondary" onClick={() => void copy()}>
          {t("invite.copy")}
        </button>
      </div>
      <p id={`${id}-link-hint`} className="field-hint">
        {hint}
      </p>
      <p role="status" className="field-hint">
        {copied ? t("invite.copied") : ""}
      </p>
    </div>
  );
}
