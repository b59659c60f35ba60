import type { TKeptDocument } from "../editor/documentCache";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { DocumentTitleLink } from "./DocumentTitleLink";

/** A document this device keeps, listed while the server cannot be reached: it opens, nothing else. */
export function KeptDocumentRow({ document }: { document: TKeptDocument }) {
  const { t } = useTranslation();
  return (
    <li className="document-row" data-testid={TestId.documentRow} data-document-id={document.id}>
      <div className="document-row__main">
        <DocumentTitleLink id={document.id} title={document.title} />
        <span className="document-row__meta">
          {document.kind && <span className="kind-badge">{t(`kinds.${document.kind}`)}</span>}{" "}
          {t("documents.keptHere")}
        </span>
      </div>
    </li>
  );
}
