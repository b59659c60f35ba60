import { MAX_VERSION_NAME, MAX_VERSION_NOTE, type TVersion } from "@caucus/shared";
import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "../api/errorMessage";
import { createVersion } from "../api/versions";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";

/** "Save version": a name and an optional note; Enter in the name saves. */
export function SaveVersionForm({
  documentId,
  onSaved,
}: {
  documentId: string;
  onSaved: (version: TVersion) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await createVersion(documentId, { name, note }));
      setName("");
      setNote("");
    } catch (caught) {
      setError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="versions__save"
      onSubmit={(event) => void submit(event)}
      aria-labelledby={`${id}-heading`}
    >
      <h3 id={`${id}-heading`} className="versions__subheading">
        {t("versions.saveHeading")}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t("versions.name")}</label>
        <input
          id={`${id}-name`}
          value={name}
          required
          maxLength={MAX_VERSION_NAME}
          placeholder={t("versions.namePlaceholder")}
          dir="auto"
          data-testid={TestId.versionName}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("versions.note")}</label>
        <textarea
          id={`${id}-note`}
          value={note}
          rows={2}
          maxLength={MAX_VERSION_NOTE}
          dir="auto"
          data-testid={TestId.versionNote}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="button"
        disabled={busy || !name.trim()}
        data-testid={TestId.versionSave}
      >
        {busy ? t("versions.saving") : t("versions.save")}
      </button>
    </form>
  );
}
