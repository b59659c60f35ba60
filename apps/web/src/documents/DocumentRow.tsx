import { can, type TDocument } from "@caucus/shared";
import { useState } from "react";
import { renameDocument } from "../api/documents";
import { errorMessage } from "../api/errorMessage";
import { RenameForm } from "../common/RenameForm";
import { useFormatDate } from "../common/useFormatDate";
import { saveCachedDocument } from "../editor/documentCache";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { DocumentTitleLink } from "./DocumentTitleLink";

interface Props {
  document: TDocument;
  onRenamed: (document: TDocument) => void;
  onDelete: (document: TDocument) => void;
}

/** One document in the list: open it, and rename or delete it where the person's role on it allows. */
export function DocumentRow({ document, onRenamed, onDelete }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [renaming, setRenaming] = useState(false);
  const canRename = can(document.role, "document:rename");
  const canDelete = can(document.role, "document:delete");

  const rename = async (title: string) => {
    try {
      onRenamed(await renameDocument(document.id, title));
    } catch (caught) {
      throw new Error(errorMessage(caught, t));
    }
  };

  return (
    <li className="document-row" data-testid={TestId.documentRow} data-document-id={document.id}>
      {renaming ? (
        <RenameForm title={document.title} onRename={rename} onDone={() => setRenaming(false)} />
      ) : (
        <div className="document-row__main">
          <DocumentTitleLink
            id={document.id}
            title={document.title}
            onOpen={() => saveCachedDocument(document)}
          />
          <span className="document-row__meta">
            <span className="kind-badge">{t(`kinds.${document.kind}`)}</span>{" "}
            {t("documents.updated", { date: formatDate(document.updatedAt) })}
          </span>
        </div>
      )}
      {!renaming && (canRename || canDelete) && (
        <div className="document-row__actions">
          {canRename && (
            <button
              type="button"
              className="button secondary"
              data-testid={TestId.renameDocument}
              aria-label={t("documents.renameNamed", { title: document.title })}
              onClick={() => setRenaming(true)}
            >
              {t("actions.rename")}
            </button>
          )}
          {canDelete && (
            <button
              type="button"
              className="button danger"
              data-testid={TestId.deleteDocument}
              aria-label={t("documents.deleteNamed", { title: document.title })}
              onClick={() => onDelete(document)}
            >
              {t("actions.delete")}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
