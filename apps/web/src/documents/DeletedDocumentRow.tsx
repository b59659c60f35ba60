import { Limits, type TDocument } from "@caucus/shared";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A document in "Recently deleted", with how long it can still be restored. */
export function DeletedDocumentRow({ document, onRestore }: { document: TDocument; onRestore: () => void }) {
  const { t } = useTranslation();
  const deletedAt = document.deletedAt ? Date.parse(document.deletedAt) : Date.now();
  const days = Math.max(0, Math.ceil((deletedAt + Limits.restoreDays * DAY_MS - Date.now()) / DAY_MS));
  return (
    <li className="document-row" data-testid={TestId.documentRow} data-document-id={document.id}>
      <div className="document-row__main">
        <span className="document-row__title" dir="auto">
          {document.title}
        </span>
        <span className="document-row__meta">
          <span className="kind-badge">{t(`kinds.${document.kind}`)}</span>{" "}
          {t("trash.daysLeft", { count: days })}
        </span>
      </div>
      <div className="document-row__actions">
        <button
          type="button"
          className="button secondary"
          data-testid={TestId.restoreDocument}
          aria-label={t("trash.restoreNamed", { title: document.title })}
          onClick={onRestore}
        >
          {t("actions.restore")}
        </button>
      </div>
    </li>
  );
}
