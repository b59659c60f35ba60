import { Limits } from "@caucus/shared";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "../i18n";

interface Props {
  title: string;
  /** Resolves when saved; rejects with a message to show beside the field. */
  onRename: (title: string) => Promise<void>;
  onDone: () => void;
}

/**
 * An inline title field: Enter saves, Escape cancels, focus starts inside
 * with the text selected so typing replaces it.
 */
export function RenameForm({ title, onRename, onDone }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => input.current?.select(), []);

  const save = async () => {
    const next = draft.trim();
    if (next === title) return onDone();
    if (next === "") return setError(t("documents.titleRequired"));
    setSaving(true);
    try {
      await onRename(next);
      onDone();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setSaving(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onDone();
    }
  };

  return (
    <form
      className="rename-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label className="visually-hidden" htmlFor={`${id}-input`}>
        {t("documents.renameLabel")}
      </label>
      <input
        id={`${id}-input`}
        ref={input}
        value={draft}
        maxLength={Limits.maxTitleLength}
        disabled={saving}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="button" disabled={saving}>
        {t("actions.save")}
      </button>
      <button type="button" className="button secondary" onClick={onDone} disabled={saving}>
        {t("actions.cancel")}
      </button>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
