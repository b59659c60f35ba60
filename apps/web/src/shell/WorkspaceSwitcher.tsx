import type { TWorkspace } from "@caucus/shared";
import { useId, useState } from "react";
import { Dialog } from "../common/Dialog";
import { useTranslation } from "../i18n";
import { navigate, workspacePath } from "../router";
import { TestId } from "../testIds";
import { rememberWorkspace } from "../workspaces/lastWorkspace";
import { NewWorkspaceForm } from "../workspaces/NewWorkspaceForm";

/** Not a workspace id (those are UUIDs): the "New workspace…" choice. */
const NEW_WORKSPACE = "new";

/** A select of the person's workspaces, ending with "New workspace…". */
export function WorkspaceSwitcher({
  workspaces,
  currentId,
}: {
  workspaces: TWorkspace[];
  currentId: string | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [creating, setCreating] = useState(false);

  const choose = (value: string) => {
    if (value === NEW_WORKSPACE) {
      setCreating(true);
      return;
    }
    rememberWorkspace(value);
    navigate(workspacePath(value));
  };

  return (
    <div className="workspace-switcher">
      <label className="visually-hidden" htmlFor={`${id}-workspace`}>
        {t("workspaces.switcherLabel")}
      </label>
      <select
        id={`${id}-workspace`}
        data-testid={TestId.workspaceSwitcher}
        value={currentId ?? ""}
        onChange={(event) => choose(event.target.value)}
      >
        {currentId === null && (
          <option value="" disabled>
            {t("workspaces.choose")}
          </option>
        )}
        {workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
        <option value={NEW_WORKSPACE}>{t("workspaces.new")}</option>
      </select>
      {creating && (
        <Dialog title={t("workspaces.newHeading")} onClose={() => setCreating(false)}>
          <NewWorkspaceForm
            onCreated={(workspace) => {
              setCreating(false);
              navigate(workspacePath(workspace.id));
            }}
          />
        </Dialog>
      )}
    </div>
  );
}
