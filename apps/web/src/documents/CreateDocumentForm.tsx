import { DOCUMENT_KINDS, Limits, type TDocument, type TDocumentKind } from "@caucus/shared";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { createDocument } from "../api/documents";
import { errorMessage } from "../api/errorMessage";
import { TestId } from "../testIds";

/** Title and kind, then Create: the quickest path to a draft when the floor opens. */
export function CreateDocumentForm({
  workspaceId,
  onCreated,
}: {
  workspaceId: string;
  onCreated: (document: TDocument) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<TDocumentKind>("intervention");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (title.trim() === "") {
      setError(t("documents.titleRequired"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const document = await createDocument(workspaceId, { title: title.trim(), kind });
      setTitle("");
      onCreated(document);
    } catch (caught) {
      setError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="create-form"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-heading`} className="section-title">
        {t("documents.newHeading")}
      </h2>
      <div className="create-form__fields">
        <div className="field field--grow">
          <label htmlFor={`${id}-title`}>{t("documents.titleLabel")}</label>
          <input
            id={`${id}-title`}
            data-testid={TestId.newDocumentTitle}
            value={title}
            maxLength={Limits.maxTitleLength}
            placeholder={t("documents.titlePlaceholder")}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => setTitle(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t("documents.kindLabel")}</label>
          <select
            id={`${id}-kind`}
            data-testid={TestId.newDocumentKind}
            value={kind}
            onChange={(event) => setKind(event.target.value as TDocumentKind)}
          >
            {DOCUMENT_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`kinds.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary" data-testid={TestId.createDocument} disabled={busy}>
          {busy ? t("documents.creating") : t("documents.create")}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
