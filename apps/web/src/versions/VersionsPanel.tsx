import type { TVersion } from "@caucus/shared";
import type { Editor } from "@tiptap/core";
import { useCallback, useId, useRef, useState } from "react";
import { errorMessage } from "../api/errorMessage";
import { CURRENT_TEXT, listVersions, restoreVersion } from "../api/versions";
import { ConfirmDialog } from "../common/ConfirmDialog";
import { useFormatDate } from "../common/useFormatDate";
import { useRequest } from "../common/useRequest";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { CompareView } from "./CompareView";
import { SaveVersionForm } from "./SaveVersionForm";
import { VersionList } from "./VersionList";
import { VersionView } from "./VersionView";
import { versionLabel } from "./versionLabel";

type TView =
  | { kind: "list" }
  | { kind: "version"; id: string }
  | { kind: "compare"; from: string; to: string };

/**
 * The document's versions beside its text: save the text under a name,
 * list named and automatic versions, open one read-only, compare any two
 * (or one with the current text), and restore one as a new edit.
 */
export function VersionsPanel({
  documentId,
  canEdit,
  editor,
}: {
  documentId: string;
  canEdit: boolean;
  /** The live editor; a restore is applied through it, so it reaches everyone as an edit. */
  editor: Editor | null;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const headingId = useId();
  const list = useRequest(useCallback(() => listVersions(documentId), [documentId]));
  const [view, setView] = useState<TView>({ kind: "list" });
  const [status, setStatus] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<TVersion | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** Back from a version or a comparison; focus goes to the panel's heading, not to the page's start. */
  const showList = () => {
    setView({ kind: "list" });
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const onSaved = (version: TVersion) => {
    setStatus(t("versions.saved", { name: version.name }));
    list.update((versions) => [version, ...(versions ?? [])]);
  };

  const restore = async (version: TVersion) => {
    if (!editor || editor.isDestroyed) throw new Error(t("versions.noEditor"));
    let result: Awaited<ReturnType<typeof restoreVersion>>;
    try {
      result = await restoreVersion(documentId, version.id);
    } catch (caught) {
      throw new Error(errorMessage(caught, t));
    }
    // One transaction of this editor: the Y.Doc turns it into one update
    // that the sync socket sends to everyone, and Ctrl+Z can undo it.
    editor.commands.setContent(result.content);
    const name = versionLabel(result.restored, t, formatDate);
    setStatus(
      result.saved
        ? t("versions.restoredSaved", { name, saved: versionLabel(result.saved, t, formatDate) })
        : t("versions.restored", { name }),
    );
    showList();
    list.reload();
  };
  const onRestore = canEdit ? setRestoring : null;

  return (
    <aside className="versions" aria-labelledby={headingId} data-testid={TestId.versionsPanel}>
      <h2 id={headingId} className="versions__heading" ref={headingRef} tabIndex={-1}>
        {t("versions.heading")}
      </h2>
      <p className="hint versions__status" role="status" data-testid={TestId.versionsStatus}>
        {status}
      </p>
      {view.kind === "list" && (
        <>
          <p className="hint">{t("versions.intro")}</p>
          {canEdit && <SaveVersionForm documentId={documentId} onSaved={onSaved} />}
          {list.status === "loading" && <p className="hint">{t("versions.loading")}</p>}
          {list.status === "error" && (
            <p className="banner error" role="alert">
              {errorMessage(list.error, t)}
            </p>
          )}
          {list.status === "ready" && list.value && (
            <VersionList
              versions={list.value}
              emptyText={canEdit ? t("versions.empty") : t("versions.emptyReader")}
              onOpen={(id) => setView({ kind: "version", id })}
              onCompare={(from, to) => setView({ kind: "compare", from, to })}
            />
          )}
        </>
      )}
      {view.kind === "version" && (
        <VersionView
          documentId={documentId}
          versionId={view.id}
          onCompare={() => setView({ kind: "compare", from: view.id, to: CURRENT_TEXT })}
          onRestore={onRestore}
          onBack={showList}
        />
      )}
      {view.kind === "compare" && (
        <CompareView
          documentId={documentId}
          from={view.from}
          to={view.to}
          onRestore={onRestore}
          onBack={showList}
        />
      )}
      {restoring && (
        <ConfirmDialog
          title={t("versions.restoreTitle", { name: versionLabel(restoring, t, formatDate) })}
          message={t("versions.restoreMessage")}
          confirmLabel={t("versions.restore")}
          onConfirm={() => restore(restoring)}
          onClose={() => setRestoring(null)}
        />
      )}
    </aside>
  );
}
