import { useEffect } from "react";
import { useSignedInMe } from "../account/meStore";
import { useTranslation } from "../i18n";
import { navigate, workspacePath } from "../router";
import { pickWorkspace, useLastWorkspaceId } from "./lastWorkspace";
import { NewWorkspaceForm } from "./NewWorkspaceForm";

/**
 * `/` (and the old `/deleted`): the last workspace used on this device, or
 * the person's first; someone in none is offered to start one.
 */
export function HomeRedirect({ view }: { view: "active" | "deleted" }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const lastId = useLastWorkspaceId();
  const target = me ? pickWorkspace(me.workspaces, lastId) : null;

  useEffect(() => {
    if (target)
      navigate(workspacePath(target.id, view === "deleted" ? "deleted" : "documents"), { replace: true });
  }, [target, view]);

  if (target || !me) return null;
  return (
    <main className="page page--narrow" id="main">
      <h1 className="page-title">{t("workspaces.noneHeading")}</h1>
      <p>{t("workspaces.noneExplain")}</p>
      <NewWorkspaceForm onCreated={(workspace) => navigate(workspacePath(workspace.id))} />
    </main>
  );
}
