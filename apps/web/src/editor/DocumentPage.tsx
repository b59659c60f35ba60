import {
  allows,
  CloseCode,
  can,
  type TDocumentKind,
  type TPermission,
  type TRole,
  textAccess,
} from "@caucus/shared";
import type { Editor } from "@tiptap/core";
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { forgetMe, refreshMe, useSignedInMe } from "../account/meStore";
import { ApiError } from "../api/client";
import { renameDocument } from "../api/documents";
import { errorMessage } from "../api/errorMessage";
import { CommentsPanel } from "../comments/CommentsPanel";
import { DisclosureMenu } from "../common/DisclosureMenu";
import { RenameForm } from "../common/RenameForm";
import { PHONE_WIDTH, useMediaQuery } from "../common/useMediaQuery";
import { opensDeliveryView } from "../delivery/deliveryKeys";
import { useTranslation } from "../i18n";
import { documentOpened } from "../offlineShell";
import { DocumentPresence } from "../presence/DocumentPresence";
import { presenceReporter } from "../presence/reporter";
import { usePresenceReport, useSocketKeepsPresence } from "../presence/usePresenceReport";
import { deliveryPath, documentPath, followLink, navigate, signInPath, workspacePath } from "../router";
import { LoadErrorBoundary } from "../shell/LoadErrorBoundary";
import { SpeakingBar } from "../speaking/SpeakingBar";
import { SaveStatusLine } from "../sync/SaveStatusLine";
import { useCollaboration } from "../sync/useCollaboration";
import { TestId } from "../testIds";
import { pickWorkspace, rememberWorkspace, useLastWorkspaceId } from "../workspaces/lastWorkspace";
import { DocumentEditor } from "./DocumentEditor";
import { useDocumentMeta } from "./useDocumentMeta";

// Asked for only when opened: they are not on a first load's way to the text.
const VersionsPanel = lazy(() =>
  import("../versions/VersionsPanel").then((m) => ({ default: m.VersionsPanel })),
);
const ShareDialog = lazy(() => import("../sharing/ShareDialog").then((m) => ({ default: m.ShareDialog })));

/**
 * `/d/:id`. The editor does not wait for the API: offline, the title and
 * the person's role come from this device's cache and the text from IndexedDB.
 */
export function DocumentPage({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  // Fetched on open, and again when the server says this person's rights changed.
  const { meta, known, reload, replace } = useDocumentMeta(documentId);
  const [renaming, setRenaming] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [deliverySettingsOpen, setDeliverySettingsOpen] = useState(false);
  const onAccessChanged = useCallback(() => {
    reload();
    // A workspace role may have changed too (the header's sections follow it).
    void refreshMe();
  }, [reload]);

  // Ctrl/Cmd+Shift+Enter opens the delivery view, from the editor too (capture: before ProseMirror's keymap).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!opensDeliveryView(event)) return;
      event.preventDefault();
      navigate(deliveryPath(documentId));
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, [documentId]);

  const lastWorkspaceId = useLastWorkspaceId();
  const document = meta.status === "ready" ? meta.document : null;
  const workspaceId = known?.workspaceId ?? null;
  // A guest invited to this one document has no workspace list to go back to.
  const member = me?.workspaces.some((w) => w.id === workspaceId) ?? false;
  useEffect(() => {
    if (member && workspaceId) rememberWorkspace(workspaceId);
  }, [member, workspaceId]);
  // Presence is for members; a guest of this one document has none.
  const presenceWorkspaceId = member && meta.status !== "error" ? workspaceId : null;
  usePresenceReport(presenceWorkspaceId, documentId);

  const backLink = member && workspaceId && (
    <a className="back-link" href={workspacePath(workspaceId)} onClick={followLink}>
      {t("document.backToList")}
    </a>
  );

  if (meta.status === "error") {
    // A document not found may be in the trash of the workspace the person was last in.
    const home = pickWorkspace(me?.workspaces ?? [], lastWorkspaceId);
    const notFound = meta.error instanceof ApiError && meta.error.status === 404;
    return (
      <main className="page" id="main">
        <h1 className="page-title">{t("document.unavailable")}</h1>
        <p className="banner error" role="alert">
          {meta.error instanceof ApiError && meta.error.status === 403
            ? t("status.error.forbidden")
            : errorMessage(meta.error, t)}
        </p>
        <p>{backLink || <HomeLink />}</p>
        {notFound && home && can(home.role, "document:delete") && (
          <p>
            <a href={workspacePath(home.id, "deleted")} onClick={followLink}>
              {t("trash.heading")}
            </a>
          </p>
        )}
      </main>
    );
  }

  const title = known?.title ?? t("document.untitled");
  // Offline with nothing cached (a document from before accounts): editable, as it was then.
  const role: TRole | null = known?.role ?? null;
  // A guest's grant opens this document only: no renaming or sharing, whatever the role says.
  const access = { role, isMember: member };
  const may = (permission: TPermission) => allows(access, permission);
  const editable = role === null || textAccess(access) === "edit";
  // Commenters type too, but only as suggestions.
  const suggestOnly = !editable && textAccess(access) === "suggest";
  const rename = async (next: string) => {
    try {
      replace(await renameDocument(documentId, next));
    } catch (caught) {
      throw new Error(errorMessage(caught, t));
    }
  };

  // One row above the text: back, title, (save status and speaking time,
  // from DocumentWorkspace), who is here, the delivery view and a menu.
  const lead = (
    <>
      {member && workspaceId && (
        <a
          className="back-link back-link--icon"
          href={workspacePath(workspaceId)}
          onClick={followLink}
          aria-label={t("document.backToList")}
          title={t("document.backToList")}
        >
          <BackArrow />
        </a>
      )}
      {renaming ? (
        <RenameForm title={title} onRename={rename} onDone={() => setRenaming(false)} />
      ) : (
        <h1 className="page-title" dir="auto" title={title} data-testid={TestId.documentTitle}>
          {title}
        </h1>
      )}
    </>
  );
  const trail = (
    <>
      {presenceWorkspaceId && (
        <DocumentPresence
          workspaceId={presenceWorkspaceId}
          documentId={documentId}
          selfUserId={me?.user.id ?? null}
        />
      )}
      <a
        className="button secondary document-header__delivery"
        href={deliveryPath(documentId)}
        onClick={followLink}
        title={t("delivery.openHint")}
        aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
        data-testid={TestId.openDeliveryView}
      >
        {t("delivery.open")}
      </a>
      <DisclosureMenu
        className="document-menu"
        summary={<span aria-hidden="true">⋯</span>}
        label={t("document.moreActions")}
        testId={TestId.documentMenu}
      >
        {(close) => {
          const item = (label: string, testId: string, run: () => void, disabled = false) => (
            <button
              type="button"
              className="button secondary"
              data-testid={testId}
              disabled={disabled}
              onClick={() => {
                close();
                run();
              }}
            >
              {label}
            </button>
          );
          return (
            <>
              {/* On a phone the header has no room for it: it is here instead. */}
              <a
                className="button secondary menu__phone-only"
                href={deliveryPath(documentId)}
                onClick={(event) => {
                  close();
                  followLink(event);
                }}
              >
                {t("delivery.open")}
              </a>
              {may("document:rename") &&
                item(t("actions.rename"), TestId.renameDocument, () => setRenaming(true), !document)}
              {item(
                versionsOpen ? t("versions.close") : t("versions.open"),
                TestId.versionsOpen,
                () => setVersionsOpen((open) => !open),
                !document,
              )}
              {item(t("deliverySettings.open"), TestId.deliverySettingsOpen, () =>
                setDeliverySettingsOpen(true),
              )}
              {document &&
                may("document:share") &&
                item(t("share.open"), TestId.shareOpen, () => setSharing(true))}
            </>
          );
        }}
      </DisclosureMenu>
    </>
  );

  const notice = !editable && (
    <p
      className="banner"
      role="status"
      data-testid={suggestOnly ? TestId.suggestOnlyBanner : TestId.readOnlyBanner}
    >
      {suggestOnly ? t("document.suggestOnly") : t("document.readOnly")}
    </p>
  );

  return (
    <main
      className={`page page--document${versionsOpen && document ? " page--with-versions" : ""}`}
      id="main"
    >
      <DocumentWorkspace
        documentId={documentId}
        title={title}
        kind={known?.kind ?? null}
        editable={editable}
        suggestOnly={suggestOnly}
        onAccessChanged={onAccessChanged}
        versionsOpen={versionsOpen && document !== null}
        header={{ lead, trail, notice }}
        deliverySettings={{ open: deliverySettingsOpen, onClose: () => setDeliverySettingsOpen(false) }}
        comments={{
          workspaceId: member ? workspaceId : null,
          userId: me?.user.id ?? null,
          canComment: document !== null && may("document:comment"),
        }}
      />
      {sharing && document && (
        <LoadErrorBoundary inline>
          <Suspense fallback={null}>
            <ShareDialog document={document} onClose={() => setSharing(false)} />
          </Suspense>
        </LoadErrorBoundary>
      )}
    </main>
  );
}

/** A speech bubble: the comments' button on a phone, where a word would take the title's room. */
function CommentsIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
      <path
        d="M4 4h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H9l-4 3v-3H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** "Back" as an arrow pointing to the start of the line (mirrored right to left). */
function BackArrow() {
  return (
    <svg className="back-link__arrow" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
      <path d="M12.5 4 6.5 10l6 6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

function HomeLink() {
  const { t } = useTranslation();
  return (
    <a href="/" onClick={followLink}>
      {t("workspaces.goHome")}
    </a>
  );
}

/** The live part of the page: status line and editor, once the local copy is loaded. */
function DocumentWorkspace({
  documentId,
  title,
  kind,
  editable,
  suggestOnly,
  onAccessChanged,
  versionsOpen,
  header,
  deliverySettings,
  comments,
}: {
  documentId: string;
  title: string;
  kind: TDocumentKind | null;
  editable: boolean;
  suggestOnly: boolean;
  onAccessChanged: () => void;
  /** The versions panel beside the text. */
  versionsOpen: boolean;
  /** The document header's parts before and after the save status and speaking time. */
  header: { lead: ReactNode; trail: ReactNode; notice: ReactNode };
  /** The delivery settings dialog, opened from the header's menu. */
  deliverySettings: { open: boolean; onClose: () => void };
  /** Who reads the comments panel, and whether they may comment. */
  comments: { workspaceId: string | null; userId: string | null; canComment: boolean };
}) {
  const { t } = useTranslation();
  const { session, snapshot } = useCollaboration(documentId, onAccessChanged, presenceReporter.connectionId);
  useSocketKeepsPresence(session?.provider ?? null);
  // The text is here: the offline shell may now download the rest of the app.
  useEffect(() => {
    if (snapshot.ready) documentOpened();
  }, [snapshot.ready]);
  const closeCode = snapshot.status.state === "error" ? snapshot.status.closeCode : null;
  // The socket was refused as signed out: ask the server whether the session ended (signed out
  // everywhere, from another device); if so the person is signed out here and the copies go.
  useEffect(() => {
    if (closeCode === CloseCode.unauthorized) void refreshMe();
  }, [closeCode]);
  const [editor, setEditor] = useState<Editor | null>(null);
  const phone = useMediaQuery(PHONE_WIDTH);
  // On a phone an editor's speaking time sits at the toolbar's end, so the header is one row.
  const speakingInToolbar = phone && editable;
  // On a phone the suggestions list is in the sheet with the comments, not under the text.
  const [suggestionsSlot, setSuggestionsSlot] = useState<HTMLDivElement | null>(null);
  const speakingBar = session && snapshot.ready && (
    <SpeakingBar
      editor={editor}
      ydoc={session.ydoc}
      kind={kind}
      editable={editable}
      settingsOpen={deliverySettings.open}
      onSettingsClose={deliverySettings.onClose}
    />
  );
  // On a phone the comments and versions are a sheet over the text, opened from the header.
  const [sheetOpen, setSheetOpen] = useState(false);
  const sheetToggle = useRef<HTMLButtonElement>(null);
  const openSheet = useCallback(() => setSheetOpen(true), []);
  useEffect(() => {
    if (versionsOpen) setSheetOpen(true);
  }, [versionsOpen]);
  // Escape in the sheet closes it (after a composer in it has had its own Escape).
  const side = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = side.current;
    if (!element || !sheetOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      setSheetOpen(false);
      sheetToggle.current?.focus();
    };
    element.addEventListener("keydown", onKey);
    return () => element.removeEventListener("keydown", onKey);
  }, [sheetOpen]);
  const closeSheet = () => {
    setSheetOpen(false);
    sheetToggle.current?.focus();
  };
  return (
    <>
      <div className="document-header">
        {header.lead}
        <SaveStatusLine status={snapshot.status} />
        {!speakingInToolbar &&
          (speakingBar || (
            // Its room, held until the text is here: the row does not jump when it comes.
            <div className="speaking-bar speaking-bar--pending" aria-hidden="true" />
          ))}
        <button
          type="button"
          className="button secondary sheet-toggle"
          ref={sheetToggle}
          aria-expanded={sheetOpen}
          aria-controls="document-side"
          data-testid={TestId.sheetToggle}
          aria-label={t("comments.sheet")}
          title={t("comments.sheet")}
          onClick={() => setSheetOpen((open) => !open)}
        >
          <CommentsIcon />
        </button>
        {header.trail}
      </div>
      {header.notice}
      {closeCode === CloseCode.unauthorized && (
        <p className="banner error">
          <a
            href={signInPath(documentPath(documentId))}
            onClick={(event) => {
              // The server ended the session; this device's copy of the account is stale.
              forgetMe();
              followLink(event);
            }}
          >
            {t("document.signInAgain")}
          </a>
        </p>
      )}
      {!snapshot.localCopy && <p className="hint">{t("document.noLocalCopy")}</p>}
      <div className="document-body">
        {session && snapshot.ready ? (
          <DocumentEditor
            session={session}
            label={t("editor.label", { title })}
            editable={editable}
            suggestOnly={suggestOnly}
            workspaceId={comments.workspaceId}
            onEditor={setEditor}
            toolbarEnd={speakingInToolbar && speakingBar}
            suggestionsIn={phone ? suggestionsSlot : undefined}
          />
        ) : (
          <p className="hint" aria-busy="true">
            {t("editor.loading")}
          </p>
        )}
        {/* One column beside the text: versions (when open) above comments. */}
        <div
          id="document-side"
          className={`document-side${sheetOpen ? " document-side--open" : ""}`}
          ref={side}
        >
          <button type="button" className="button secondary sheet-close" onClick={closeSheet}>
            {t("actions.close")}
          </button>
          {versionsOpen && (
            <LoadErrorBoundary inline>
              <Suspense
                fallback={
                  <p className="hint" aria-busy="true">
                    {t("versions.loading")}
                  </p>
                }
              >
                <VersionsPanel documentId={documentId} canEdit={editable} editor={editor} />
              </Suspense>
            </LoadErrorBoundary>
          )}
          {phone && <div ref={setSuggestionsSlot} className="document-side__suggestions" />}
          <CommentsPanel
            editor={editor}
            documentId={documentId}
            canEditText={editable}
            onNeedsRoom={openSheet}
            {...comments}
          />
        </div>
      </div>
    </>
  );
}
