import type { TVersion, TVersionContent } from "@caucus/shared";
import { documentExtensions } from "@caucus/shared/editor";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/errorMessage";
import { getVersion } from "../api/versions";
import { useFormatDate } from "../common/useFormatDate";
import { TestId } from "../testIds";
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
  const [loaded, setLoaded] = useState<TVersionContent | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The button that opened this view is gone: keyboard focus continues here.
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => backRef.current?.focus(), []);

  useEffect(() => {
    let current = true;
    getVersion(documentId, versionId).then(
      (result) => current && setLoaded(result),
      (caught: unknown) => current && setError(errorMessage(caught, t)),
    );
    return () => {
      current = false;
    };
  }, [documentId, versionId, t]);

  return (
    <section className="versions__view" aria-busy={!loaded && !error}>
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
      {!loaded && !error && <p className="hint">{t("versions.opening")}</p>}
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
    </section>
  );
}

/** The version's text in the shared document schema, as the editor shows it, but not editable. */
function ReadOnlyText({ content, label }: { content: TVersionContent["content"]; label: string }) {
  const editor = useEditor({
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
  });
  return editor ? <EditorContent editor={editor} className="editor" /> : null;
}
