import { can, type TAuditEvent } from "@caucus/shared";
import { useCallback, useEffect, useState } from "react";
import { errorMessage } from "../api/errorMessage";
import { auditCsvPath, listAuditEvents } from "../api/workspaces";
import { useFormatDate } from "../common/useFormatDate";
import { useTranslation } from "../i18n";
import { usePresenceReport } from "../presence/usePresenceReport";
import { TestId } from "../testIds";
import { auditAbout } from "./auditDetail";
import { NotAMember } from "./NotAMember";
import { useWorkspace } from "./useWorkspace";

/** One page of events; the server's default. */
const PAGE_SIZE = 100;

/** `/w/:id/audit` (owners): who did what and when, newest first, with a CSV export of everything. */
export function AuditPage({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspace(workspaceId);
  usePresenceReport(workspace ? workspaceId : null, null);
  const formatDate = useFormatDate();
  const allowed = can(workspace?.role, "audit:read");
  const [events, setEvents] = useState<TAuditEvent[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState<unknown>(null);

  const loadPage = useCallback(
    async (before: string | null) => {
      setStatus("loading");
      try {
        const page = await listAuditEvents(workspaceId, { before, limit: PAGE_SIZE });
        setEvents((prev) => (before ? [...prev, ...page.events] : page.events));
        setNextBefore(page.nextBefore);
        setStatus("ready");
      } catch (caught) {
        setError(caught);
        setStatus("error");
      }
    },
    [workspaceId],
  );

  useEffect(() => {
    if (allowed) void loadPage(null);
  }, [allowed, loadPage]);

  if (!workspace) return <NotAMember />;
  if (!allowed) {
    return (
      <main className="page" id="main">
        <h1 className="page-title">{t("audit.heading")}</h1>
        <p className="banner error" role="alert">
          {t("audit.ownersOnly")}
        </p>
      </main>
    );
  }

  return (
    <main className="page" id="main">
      <div className="page-heading">
        <h1 className="page-title">{t("audit.heading")}</h1>
        <a className="button secondary" href={auditCsvPath(workspaceId)} download>
          {t("audit.export")}
        </a>
      </div>
      <p className="hint">{t("audit.explain")}</p>
      {events.length === 0 && status === "ready" && <p className="empty">{t("audit.empty")}</p>}
      {events.length > 0 && (
        <div className="table-wrap">
          <table className="audit-table">
            <caption className="visually-hidden">{t("audit.caption", { workspace: workspace.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.target")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id} data-testid={TestId.auditRow} data-action={event.action}>
                  <td>
                    <time dateTime={event.at}>{formatDate(event.at)}</time>
                  </td>
                  <td>
                    {event.actor ? (
                      <>
                        <span dir="auto">{event.actor.name}</span>
                        <span className="audit-table__email">{event.actor.email}</span>
                      </>
                    ) : (
                      <span className="hint">{t("audit.system")}</span>
                    )}
                  </td>
                  <td>{t(`audit.actions.${event.action}`, { defaultValue: event.action })}</td>
                  <td dir="auto">{auditAbout(event, (role) => t(`roles.${role}`))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {status === "loading" && (
        <p className="hint" aria-busy="true">
          {t("audit.loading")}
        </p>
      )}
      {status === "error" && (
        <div className="banner error" role="alert">
          <p>{errorMessage(error, t)}</p>
          <button type="button" className="button secondary" onClick={() => void loadPage(nextBefore)}>
            {t("actions.retry")}
          </button>
        </div>
      )}
      {status === "ready" && nextBefore && (
        <button type="button" className="button secondary" onClick={() => void loadPage(nextBefore)}>
          {t("audit.loadMore")}
        </button>
      )}
    </main>
  );
}
