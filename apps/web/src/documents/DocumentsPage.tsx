import { can, Limits, type TDocument } from "@caucus/shared";
import { useEffect, useRef, useState } from "react";
import { deleteDocument, restoreDocument } from "../api/documents";
import { errorMessage } from "../api/errorMessage";
import { saveCachedDocument } from "../editor/documentCache";
import { useTranslation } from "../i18n";
import { PresencePanel } from "../presence/PresencePanel";
import { usePresenceReport } from "../presence/usePresenceReport";
import { documentPath, followLink, navigate, workspacePath } from "../router";
import { TestId } from "../testIds";
import { NotAMember } from "../workspaces/NotAMember";
import { useWorkspace } from "../workspaces/useWorkspace";
import { CreateDocumentForm } from "./CreateDocumentForm";
import { DeletedDocumentRow } from "./DeletedDocumentRow";
import { DocumentRow } from "./DocumentRow";
import { KeptDocumentRow } from "./KeptDocumentRow";
import { useDocumentList } from "./useDocumentList";

interface Props {
  workspaceId: string;
  view: "active" | "deleted";
}

/** A workspace's documents (`/w/:id`) and its "Recently deleted" (`/w/:id/deleted`, editors and owners). */
export function DocumentsPage({ workspaceId, view }: Props) {
  const workspace = useWorkspace(workspaceId);
  usePresenceReport(workspace ? workspaceId : null, null);
  if (!workspace) return <NotAMember />;
  const canCreate = can(workspace.role, "document:create");
  // The trash is listed only for those who may restore from it.
  const canRestore = can(workspace.role, "document:delete");
  return (
    <DocumentList
      workspaceId={workspaceId}
      view={canRestore ? view : "active"}
      canCreate={canCreate}
      canRestore={canRestore}
    />
  );
}

function DocumentList({
  workspaceId,
  view,
  canCreate,
  canRestore,
}: Props & { canCreate: boolean; canRestore: boolean }) {
  const { t } = useTranslation();
  const deleted = view === "deleted";
  const { state, reload, upsert, replace, remove } = useDocumentList(workspaceId, deleted);
  const [justDeleted, setJustDeleted] = useState<TDocument | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  // The documents come first; the form opens from a button (at once on an empty list, where it is the next step).
  const [creating, setCreating] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);
  const mayCreateHere = !deleted && canCreate && state.status !== "offline";
  const empty = state.status === "ready" && state.documents.length === 0;
  const formOpen = mayCreateHere && (creating || empty);
  // Back online: the list as the server has it, at once.
  useEffect(() => {
    const onOnline = () => reload();
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [reload]);

  const onDelete = async (document: TDocument) => {
    setActionError(null);
    try {
      await deleteDocument(document.id);
      remove(document.id);
      setJustDeleted(document);
    } catch (caught) {
      setActionError(errorMessage(caught, t));
    }
  };

  const onRestore = async (document: TDocument) => {
    setActionError(null);
    try {
      const restored = await restoreDocument(document.id);
      setJustDeleted(null);
      if (deleted) remove(document.id);
      else upsert(restored);
    } catch (caught) {
      setActionError(errorMessage(caught, t));
    }
  };

  return (
    <main className="page" id="main">
      <div className="page-heading">
        <h1 className="page-title">{deleted ? t("trash.heading") : t("documents.heading")}</h1>
        {mayCreateHere && !formOpen && (
          <button
            type="button"
            className="button primary"
            data-testid={TestId.newDocumentOpen}
            ref={newButton}
            onClick={() => setCreating(true)}
          >
            {t("documents.newHeading")}
          </button>
        )}
      </div>
      {canRestore && (
        <nav className="tabs" aria-label={t("documents.views")}>
          <a
            href={workspacePath(workspaceId)}
            onClick={followLink}
            aria-current={deleted ? undefined : "page"}
          >
            {t("documents.heading")}
          </a>
          <a
            href={workspacePath(workspaceId, "deleted")}
            onClick={followLink}
            aria-current={deleted ? "page" : undefined}
          >
            {t("trash.heading")}
          </a>
        </nav>
      )}

      {formOpen && (
        <CreateDocumentForm
          workspaceId={workspaceId}
          onCancel={
            empty
              ? undefined
              : () => {
                  setCreating(false);
                  // Back on the button that opened it.
                  requestAnimationFrame(() => newButton.current?.focus());
                }
          }
          onCreated={(document) => {
            // The new page shows its title and role at once, before its own fetch answers.
            saveCachedDocument(document);
            navigate(documentPath(document.id));
          }}
        />
      )}
      {deleted && <p className="hint">{t("trash.explain", { count: Limits.restoreDays })}</p>}

      {justDeleted && (
        <div className="notice" role="status">
          <p>{t("documents.deleted", { title: justDeleted.title })}</p>
          <button
            type="button"
            className="button secondary"
            data-testid={TestId.restoreDocument}
            onClick={() => void onRestore(justDeleted)}
          >
            {t("actions.undo")}
          </button>
        </div>
      )}
      {actionError && (
        <p className="banner error" role="alert">
          {actionError}
        </p>
      )}

      <section aria-labelledby="list-heading" aria-busy={state.status === "loading"}>
        <h2 id="list-heading" className="visually-hidden">
          {deleted ? t("trash.heading") : t("documents.listHeading")}
        </h2>
        {state.status === "loading" && <p className="hint">{t("documents.loading")}</p>}
        {state.status === "error" && (
          <div className="banner error" role="alert">
            <p>{errorMessage(state.error, t)}</p>
            <button type="button" className="button secondary" onClick={reload}>
              {t("actions.retry")}
            </button>
          </div>
        )}
        {state.status === "offline" && (
          <>
            <div className="notice" role="status" data-testid={TestId.documentsOffline}>
              <p>{state.kept.length > 0 ? t("documents.offline") : t("documents.offlineNone")}</p>
              {canCreate && <p className="hint">{t("documents.offlineCreate")}</p>}
              <button type="button" className="button secondary" onClick={reload}>
                {t("actions.retry")}
              </button>
            </div>
            {state.kept.length > 0 && (
              <ul className="document-list">
                {state.kept.map((document) => (
                  <KeptDocumentRow key={document.id} document={document} />
                ))}
              </ul>
            )}
          </>
        )}
        {state.status === "ready" && state.documents.length === 0 && (
          <p className="empty">
            {deleted ? t("trash.empty") : canCreate ? t("documents.empty") : t("documents.emptyReader")}
          </p>
        )}
        {state.status === "ready" && state.documents.length > 0 && (
          <ul className="document-list">
            {state.documents.map((document) =>
              deleted ? (
                <DeletedDocumentRow
                  key={document.id}
                  document={document}
                  onRestore={() => void onRestore(document)}
                />
              ) : (
                <DocumentRow
                  key={document.id}
                  document={document}
                  onRenamed={replace}
                  onDelete={(d) => void onDelete(d)}
                />
              ),
            )}
          </ul>
        )}
      </section>

      {!deleted && (
        <PresencePanel
          workspaceId={workspaceId}
          documents={state.status === "ready" ? state.documents : null}
        />
      )}
    </main>
  );
}
