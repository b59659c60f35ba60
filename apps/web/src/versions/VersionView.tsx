import type { TVersion, TVersionContent } from "@caucus/shared";
import { documentExtensions } from "@caucus/shared/editor";
import { useCallback } from "react";
import { getVersion } from "../api/versions";
import { useFormatDate } from "../common/useFormatDate";
import { useRequest } from "../common/useRequest";
import { useTiptap } from "../editor/useTiptap";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { PanelView } from "./PanelView";
import { versionLabel } from "./versionLabel";

/** One earlier version, read-only, with its formatting; compare or restore it from here. */
export function VersionView({
  documentId,
  versionId,
  onCompare,
  onRestore,
  onBack,
}: {
  documentId: string;
  versionId: string;
  onCompare: () => void;
  /** Null when the person may not edit. */
  onRestore: ((version: TVersion) => void) | null;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const request = useRequest(useCallback(() => getVersion(documentId, versionId), [documentId, versionId]));
  const loaded = request.value;
  return (
    <PanelView request={request} loadingText={t("versions.opening")} onBack={onBack}>
      {loaded && (
        <>
          <h3 className="versions__title" dir="auto">
            {versionLabel(loaded.version, t, formatDate)}
          </h3>
          <p className="hint">{t("versions.readOnly")}</p>
          <ReadOnlyText content={loaded.content} label={versionLabel(loaded.version, t, formatDate)} />
          <div className="button-row">
            <button type="button" className="button secondary" onClick={onCompare}>
              {t("versions.compareWithCurrent")}
            </button>
            {onRestore && (
              <button
                type="button"
                className="button"
                data-testid={TestId.versionRestore}
                onClick={() => onRestore(loaded.version)}
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

/** The version's text in the shared document schema, as the editor shows it, but not editable. */
function ReadOnlyText({ content, label }: { content: TVersionContent["content"]; label: string }) {
  const { mount } = useTiptap(() => ({
    editable: false,
    extensions: documentExtensions(),
    content,
    editorProps: {
      attributes: {
        "aria-label": label,
        "aria-readonly": "true",
        class: "document-text version-text",
        "data-testid": TestId.versionText,
      },
    },
  }));
  return <div ref={mount} className="editor" />;
}
