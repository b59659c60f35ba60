import type { TVersion, TVersionComparison } from "@caucus/shared";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/errorMessage";
import { CURRENT_TEXT, compareExportUrl, compareVersions } from "../api/versions";
import { useFormatDate } from "../common/useFormatDate";
import { TestId } from "../testIds";
import { DiffText } from "./DiffText";
import { sideLabel } from "./versionLabel";

/** Two texts of the document side by side in one: what changed from `from` to `to`, and its export. */
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
  /** Offered when the earlier side is a version and the person may edit. */
  onRestore: ((version: TVersion) => void) | null;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [comparison, setComparison] = useState<TVersionComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The button that opened this view is gone: keyboard focus continues here.
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => backRef.current?.focus(), []);

  useEffect(() => {
    let current = true;
    setComparison(null);
    setError(null);
    compareVersions(documentId, from, to).then(
      (result) => current && setComparison(result),
      (caught: unknown) => current && setError(errorMessage(caught, t)),
    );
    return () => {
      current = false;
    };
  }, [documentId, from, to, t]);

  const restorable =
    comparison?.from.kind === "version" && to === CURRENT_TEXT ? comparison.from.version : null;
  return (
    <section className="versions__view" data-testid={TestId.compareView} aria-busy={!comparison && !error}>
      <button
        ref={backRef}
        type="button"
        className="button secondary"
        data-testid={TestId.versionsBack}
        onClick={onBack}
      >
        {t("versions.back")}
      </button>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {!comparison && !error && <p className="hint">{t("versions.comparing")}</p>}
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
    </section>
  );
}
