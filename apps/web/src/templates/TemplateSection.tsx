import { MAX_TEMPLATE_BYTES, type TTemplate, type TTemplateContent } from "@caucus/shared";
import { documentExtensions } from "@caucus/shared/editor";
import { UndoRedo } from "@tiptap/extensions/undo-redo";
import { useState } from "react";
import { errorMessage } from "../api/errorMessage";
import { resetTemplate, saveTemplate } from "../api/templates";
import { ConfirmDialog } from "../common/ConfirmDialog";
import { useFormatDate } from "../common/useFormatDate";
import { Toolbar } from "../editor/Toolbar";
import { useTiptap } from "../editor/useTiptap";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";

type TSaveState = "idle" | "saving" | "saved" | "reset" | { error: string };

/**
 * One kind's template: its text in the shared document schema (so what is
 * saved is what a new document can hold), with Save and "Reset to
 * built-in". Changes stay in this page until saved.
 */
export function TemplateSection({
  workspaceId,
  template: initial,
  manage,
}: {
  workspaceId: string;
  template: TTemplate;
  manage: boolean;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [template, setTemplate] = useState(initial);
  const [dirty, setDirty] = useState(false);
  const [state, setState] = useState<TSaveState>("idle");
  const [confirmingReset, setConfirmingReset] = useState(false);
  const kindName = t(`kinds.${template.kind}`);
  const headingId = `template-${template.kind}-heading`;

  const { editor, mount } = useTiptap(() => ({
    editable: manage,
    extensions: [...documentExtensions(), UndoRedo],
    content: initial.content,
    editorProps: {
      attributes: {
        "aria-label": t("templates.textLabel", { kind: kindName }),
        "aria-multiline": "true",
        role: "textbox",
        class: "document-text template-text",
        "data-testid": TestId.templateText,
      },
    },
    onUpdate: () => {
      setDirty(true);
      setState("idle");
    },
  }));

  const save = async () => {
    if (!editor) return;
    const content = editor.getJSON() as TTemplateContent;
    const bytes = new TextEncoder().encode(JSON.stringify(content)).length;
    if (bytes > MAX_TEMPLATE_BYTES) {
      setState({ error: t("errors.templateRule", { max: MAX_TEMPLATE_BYTES / 1024 }) });
      return;
    }
    setState("saving");
    try {
      setTemplate(await saveTemplate(workspaceId, template.kind, content));
      setDirty(false);
      setState("saved");
    } catch (caught) {
      setState({ error: errorMessage(caught, t) });
    }
  };

  const reset = async () => {
    try {
      const builtIn = await resetTemplate(workspaceId, template.kind);
      setTemplate(builtIn);
      editor?.commands.setContent(builtIn.content, { emitUpdate: false });
      setDirty(false);
      setState("reset");
    } catch (caught) {
      throw new Error(errorMessage(caught, t));
    }
  };

  return (
    <section
      className="template-section"
      aria-labelledby={headingId}
      data-testid={TestId.templateSection}
      data-kind={template.kind}
    >
      <h2 id={headingId}>{kindName}</h2>
      <p className="hint" data-testid={TestId.templateSource}>
        {template.custom
          ? t("templates.custom", {
              name: template.updatedBy?.name ?? t("templates.someone"),
              time: template.updatedAt ? formatDate(template.updatedAt) : "",
            })
          : t("templates.builtIn")}
      </p>
      {manage && editor && <Toolbar editor={editor} />}
      <div ref={mount} />
      {manage && (
        <div className="form-actions">
          <button
            type="button"
            className="button primary"
            data-testid={TestId.templateSave}
            disabled={!dirty || state === "saving"}
            onClick={() => void save()}
          >
            {state === "saving" ? t("templates.saving") : t("actions.save")}
          </button>
          {template.custom && (
            <button
              type="button"
              className="button secondary"
              data-testid={TestId.templateReset}
              onClick={() => setConfirmingReset(true)}
            >
              {t("templates.reset")}
            </button>
          )}
          <span role="status" className="hint">
            {state === "saved" && t("templates.saved", { kind: kindName })}
            {state === "reset" && t("templates.wasReset", { kind: kindName })}
            {dirty && state === "idle" && t("templates.unsaved")}
          </span>
        </div>
      )}
      {typeof state === "object" && (
        <p className="banner error" role="alert">
          {state.error}
        </p>
      )}
      {confirmingReset && (
        <ConfirmDialog
          title={t("templates.resetHeading", { kind: kindName })}
          message={t("templates.resetConfirm")}
          confirmLabel={t("templates.reset")}
          onConfirm={reset}
          onClose={() => setConfirmingReset(false)}
        />
      )}
    </section>
  );
}
