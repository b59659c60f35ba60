import { can, type TCall, type TCallStatus, type TMember } from "@caucus/shared";
import { useCallback, useMemo, useState } from "react";
import { deleteCall, updateCall } from "../api/calls";
import { listDocuments } from "../api/documents";
import { errorMessage } from "../api/errorMessage";
import { listMembers } from "../api/workspaces";
import { ConfirmDialog } from "../common/ConfirmDialog";
import { useRequest } from "../common/useRequest";
import { useTranslation } from "../i18n";
import { useMinute } from "../presence/useNow";
import { usePresenceReport } from "../presence/usePresenceReport";
import { documentPath, followLink } from "../router";
import { TestId } from "../testIds";
import { NotAMember } from "../workspaces/NotAMember";
import { useWorkspace } from "../workspaces/useWorkspace";
import { CallRow } from "./CallRow";
import { CreateCallForm } from "./CreateCallForm";
import { ownTimeZone } from "./deadline";
import { EditCallForm } from "./EditCallForm";
import { useCallsBoard } from "./useCallsBoard";

/**
 * `/w/:id/calls`: the workspace's calls for interventions, live for every
 * member. Those who may edit add calls (and their drafts in the same
 * step), change their status and speaker in the row, edit their other
 * fields in a dialog, and delete them.
 */
export function CallsPage({ workspaceId }: { workspaceId: string }) {
  const workspace = useWorkspace(workspaceId);
  usePresenceReport(workspace ? workspaceId : null, null);
  if (!workspace) return <NotAMember />;
  return <Board workspaceId={workspaceId} manage={can(workspace.role, "call:manage")} />;
}

const NOBODY: readonly TMember[] = [];

function Board({ workspaceId, manage }: { workspaceId: string; manage: boolean }) {
  const { t } = useTranslation();
  const board = useCallsBoard(workspaceId);
  const now = useMinute().getTime();
  const ownZone = useMemo(ownTimeZone, []);
  const [created, setCreated] = useState<{ call: TCall; draftCreated: boolean } | null>(null);
  const [deleting, setDeleting] = useState<TCall | null>(null);
  const [editing, setEditing] = useState<TCall | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  // Who can speak and which drafts can be linked: only those who add calls need them.
  const speakers = useRequest(
    useCallback(() => (manage ? listMembers(workspaceId) : null), [workspaceId, manage]),
  );
  const drafts = useRequest(
    useCallback(() => (manage ? listDocuments(workspaceId) : null), [workspaceId, manage]),
  );
  const members = speakers.value ?? NOBODY;
  const documents = useMemo(
    () => (drafts.value ?? []).filter((d) => d.kind === "intervention"),
    [drafts.value],
  );
  const shownError = actionError ?? (speakers.status === "error" ? errorMessage(speakers.error, t) : null);

  const change = async (call: TCall, fields: { status?: TCallStatus; speakerId?: string | null }) => {
    setActionError(null);
    try {
      board.apply(await updateCall(workspaceId, call.id, fields));
    } catch (caught) {
      setActionError(errorMessage(caught, t));
    }
  };

  return (
    <main className="page" id="main">
      <h1 className="page-title">{t("calls.heading")}</h1>
      <p className="hint">{t("calls.explain")}</p>

      {manage && (
        <CreateCallForm
          workspaceId={workspaceId}
          members={members}
          documents={documents}
          onCreated={(call, draftCreated) => {
            board.apply(call);
            setCreated({ call, draftCreated });
          }}
        />
      )}
      {created && (
        <div className="notice" role="status">
          <p>{created.draftCreated ? t("calls.addedWithDraft") : t("calls.added")}</p>
          {created.call.draft && (
            <a
              className="button primary"
              href={documentPath(created.call.draft.id)}
              data-testid={TestId.callOpenNewDraft}
              onClick={followLink}
            >
              {t("calls.openDraft")}
            </a>
          )}
        </div>
      )}
      {shownError && (
        <p className="banner error" role="alert">
          {shownError}
        </p>
      )}

      <section
        aria-labelledby="calls-heading"
        aria-busy={board.status === "loading"}
        data-testid={TestId.callsBoard}
      >
        <h2 id="calls-heading" className="visually-hidden">
          {t("calls.listHeading")}
        </h2>
        {board.status === "loading" && <p className="hint">{t("calls.loading")}</p>}
        {board.status === "stale" && (
          <p className="hint" role="status">
            {t("calls.stale")}
          </p>
        )}
        {board.status === "unavailable" && (
          <div className="banner error" role="alert">
            <p>{t("calls.unavailable")}</p>
            <button type="button" className="button secondary" onClick={board.retry}>
              {t("actions.retry")}
            </button>
          </div>
        )}
        {board.status !== "loading" && board.calls.length === 0 && board.status !== "unavailable" && (
          <p className="empty">{manage ? t("calls.empty") : t("calls.emptyReader")}</p>
        )}
        {board.calls.length > 0 && (
          <ul className="call-list">
            {board.calls.map((call) => (
              <CallRow
                key={call.id}
                call={call}
                now={now}
                ownZone={ownZone}
                manage={
                  manage
                    ? {
                        members,
                        onChange: (c, fields) => void change(c, fields),
                        onEdit: setEditing,
                        onDelete: setDeleting,
                      }
                    : null
                }
              />
            ))}
          </ul>
        )}
      </section>

      {editing && (
        <EditCallForm
          workspaceId={workspaceId}
          call={editing}
          documents={documents}
          onSaved={board.apply}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t("calls.deleteHeading")}
          message={t("calls.deleteConfirm")}
          confirmLabel={t("calls.delete")}
          onConfirm={async () => {
            try {
              await deleteCall(workspaceId, deleting.id);
              board.remove(deleting.id);
            } catch (caught) {
              throw new Error(errorMessage(caught, t));
            }
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </main>
  );
}
