import { Limits, type TWorkspace } from "@caucus/shared";
import { useId, useState } from "react";
import { refreshMe } from "../account/meStore";
import { errorMessage } from "../api/errorMessage";
import { createWorkspace } from "../api/workspaces";
import { focusOnMount } from "../common/focusOnMount";
import { useTranslation } from "../i18n";
import { rememberWorkspace } from "./lastWorkspace";

/** A name, then Create: the caller becomes the new workspace's owner. */
export function NewWorkspaceForm({ onCreated }: { onCreated: (workspace: TWorkspace) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (name.trim() === "") {
      setError(t("workspaces.nameRequired"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const workspace = await createWorkspace(name.trim());
      rememberWorkspace(workspace.id);
      await refreshMe();
      onCreated(workspace);
    } catch (caught) {
      setError(errorMessage(caught, t));
      setBusy(false);
    }
  };

  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>{t("workspaces.nameLabel")}</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={Limits.maxWorkspaceNameLength}
          placeholder={t("workspaces.namePlaceholder")}
          // The form exists only to type this name.
          ref={focusOnMount}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("workspaces.creating") : t("workspaces.create")}
        </button>
      </div>
    </form>
  );
}
