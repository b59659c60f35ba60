import { can } from "@caucus/shared";
import { useCallback } from "react";
import { errorMessage } from "../api/errorMessage";
import { listTemplates } from "../api/templates";
import { useRequest } from "../common/useRequest";
import { useTranslation } from "../i18n";
import { usePresenceReport } from "../presence/usePresenceReport";
import { TestId } from "../testIds";
import { NotAMember } from "../workspaces/NotAMember";
import { useWorkspace } from "../workspaces/useWorkspace";
import { TemplateSection } from "./TemplateSection";

/**
 * `/w/:id/templates`: what a new intervention, statement or letter starts
 * from in this workspace. Everyone sees them; owners and editors change one
 * (a plain editor: a template is not co-drafted live) or go back to the
 * built-in template.
 */
export function TemplatesPage({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspace(workspaceId);
  usePresenceReport(workspace ? workspaceId : null, null);
  const manage = can(workspace?.role, "template:manage");
  const isMember = workspace !== null;
  const load = useRequest(
    useCallback(() => (isMember ? listTemplates(workspaceId) : null), [workspaceId, isMember]),
  );

  if (!workspace) return <NotAMember />;
  return (
    <main className="page" id="main" data-testid={TestId.templatesPage}>
      <h1 className="page-title">{t("templates.heading")}</h1>
      <p className="hint">{manage ? t("templates.explain") : t("templates.explainReader")}</p>
      <p className="hint">
        {t("templates.placeholders", {
          forum: "{{forum}}",
          agendaItem: "{{agendaItem}}",
          title: "{{title}}",
        })}
      </p>
      {load.status === "loading" && <p className="hint">{t("templates.loading")}</p>}
      {load.status === "error" && (
        <div className="banner error" role="alert">
          <p>{errorMessage(load.error, t)}</p>
          <button type="button" className="button secondary" onClick={load.reload}>
            {t("actions.retry")}
          </button>
        </div>
      )}
      {load.status === "ready" &&
        load.value?.map((template) => (
          <TemplateSection
            key={template.kind}
            workspaceId={workspaceId}
            template={template}
            manage={manage}
          />
        ))}
    </main>
  );
}
