import type { TDocument } from "@caucus/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, getDocument, NETWORK_ERROR, renameDocument } from "../api/client";
import { errorMessage } from "../api/errorMessage";
import { RenameForm } from "../common/RenameForm";
import { followLink } from "../router";
import { SaveStatusLine } from "../sync/SaveStatusLine";
import { useCollaboration } from "../sync/useCollaboration";
import { TestId } from "../testIds";
import { DocumentEditor } from "./DocumentEditor";
import { loadCachedTitle, saveCachedTitle } from "./titleCache";

type TMeta =
  | { status: "loading" }
  | { status: "ready"; document: TDocument }
  | { status: "unreachable" }
  | { status: "error"; error: unknown };

/**
 * `/d/:id`. The editor does not wait for the API: offline, the title comes
 * from this device's cache and the text from IndexedDB.
 */
export function DocumentPage({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  const [meta, setMeta] = useState<TMeta>({ status: "loading" });
  const [renaming, setRenaming] = useState(false);

  useEffect(() => {
    let current = true;
    setMeta({ status: "loading" });
    getDocument(documentId).then(
      (document) => {
        if (!current) return;
        saveCachedTitle(document.id, document.title);
        setMeta({ status: "ready", document });
      },
      (error: unknown) => {
        if (!current) return;
        const offline = error instanceof ApiError && (error.code === NETWORK_ERROR || error.status >= 500);
        setMeta(offline ? { status: "unreachable" } : { status: "error", error });
      },
    );
    return () => {
      current = false;
    };
  }, [documentId]);

  if (meta.status === "error") {
    return (
      <main className="page" id="main">
        <h1 className="page-title">{t("document.unavailable")}</h1>
        <p className="banner error" role="alert">
          {errorMessage(meta.error, t)}
        </p>
        <p>
          <a href="/" onClick={followLink}>
            {t("document.backToList")}
          </a>{" "}
          ·{" "}
          <a href="/deleted" onClick={followLink}>
            {t("trash.heading")}
          </a>
        </p>
      </main>
    );
  }

  const title =
    meta.status === "ready" ? meta.document.title : (loadCachedTitle(documentId) ?? t("document.untitled"));
  const rename = async (next: string) => {
    try {
      const document = await renameDocument(documentId, next);
      saveCachedTitle(document.id, document.title);
      setMeta({ status: "ready", document });
    } catch (caught) {
      throw new Error(errorMessage(caught, t));
    }
  };

  return (
    <main className="page page--document" id="main">
      <a className="back-link" href="/" onClick={followLink}>
        {t("document.backToList")}
      </a>
      <div className="document-header">
        {renaming ? (
          <RenameForm title={title} onRename={rename} onDone={() => setRenaming(false)} />
        ) : (
          <>
            <h1 className="page-title" dir="auto" data-testid={TestId.documentTitle}>
              {title}
            </h1>
            <button
              type="button"
              className="button secondary"
              data-testid={TestId.renameDocument}
              disabled={meta.status !== "ready"}
              onClick={() => setRenaming(true)}
            >
              {t("actions.rename")}
            </button>
          </>
        )}
      </div>
      <DocumentWorkspace documentId={documentId} title={title} />
    </main>
  );
}

/** The live part of the page: status line and editor, once the local copy is loaded. */
function DocumentWorkspace({ documentId, title }: { documentId: string; title: string }) {
  const { t } = useTranslation();
  const { session, snapshot } = useCollaboration(documentId);
  return (
    <>
      <SaveStatusLine status={snapshot.status} />
      {!snapshot.localCopy && <p className="hint">{t("document.noLocalCopy")}</p>}
      {session && snapshot.ready ? (
        <DocumentEditor session={session} label={t("editor.label", { title })} />
      ) : (
        <p className="hint" aria-busy="true">
          {t("editor.loading")}
        </p>
      )}
    </>
  );
}
