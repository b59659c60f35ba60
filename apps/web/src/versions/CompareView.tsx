import type { TVersion } from "@caucus/shared";
import { useCallback } from "react";
import { CURRENT_TEXT, compareExportUrl, compareVersions } from "../api/versions";
import { useFormatDate } from "../common/useFormatDate";
import { useRequest } from "../common/useRequest";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { DiffText } from "./DiffText";
import { PanelView } from "./PanelView";
import { sideLabel } from "./versionLabel";

/** What changed from `from` to `to` (version ids, or the current text), and its export. */
export function CompareView({
  documentId,
  from,
  to,
  onRestore,
  onBack,
}: {
  documentId: string;
  from: string;
  to: string;
  /** Offered when the earlier side is a version, the later the current text, and the person may edit. */
  onRestore: ((version: TVersion) => void) | null;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const request = useRequest(
    useCallback(() => compareVersions(documentId, from, to), [documentId, from, to]),
  );
  const comparison = request.value;
  const restorable =
    comparison?.from.kind === "version" && to === CURRENT_TEXT ? comparison.from.version : null;
  return (
    <PanelView
      request={request}
      loadingText={t("versions.comparing")}
      onBack={onBack}
      testId={TestId.compareView}
    >
      {comparison && (
        <>
          <h3 className="versions__title" dir="auto">
            {t("versions.diffHeading", {
              from: sideLabel(comparison.from, t, formatDate),
              to: sideLabel(comparison.to, t, formatDate),
            })}
          </h3>
          <DiffText diff={comparison.diff} />
          <div className="button-row">
            <a
              className="button secondary"
              href={compareExportUrl(documentId, from, to)}
              download
              data-testid={TestId.compareExport}
            >
              {t("versions.export")}
            </a>
            {restorable && onRestore && (
              <button
                type="button"
                className="button"
                data-testid={TestId.versionRestore}
                onClick={() => onRestore(restorable)}
              >
                {t("versions.restore")}
              </button>
            )}
          </div>
        </>
      )}
    </PanelView>
  );
}
