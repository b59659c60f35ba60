import type { Editor } from "@tiptap/core";
import { authorshipState, setAuthorshipShown } from "../authorship/Authorship";
import { AuthorshipLegend } from "../authorship/AuthorshipLegend";
import { useEditorSelector } from "../editor/useEditorSelector";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { setSuggesting, suggestionsState } from "./SuggestedEdits";

/**
 * Above the text: the mode (Editing ⇄ Suggesting for those who may edit;
 * a plain statement for commenters, who only suggest) and the "who wrote
 * what" switch with its legend. The mode is also said in words, not only
 * by the pressed button.
 */
export function SuggestModeBar({
  editor,
  canWrite,
}: {
  editor: Editor;
  /** Editors and commenters: a mode to show. Viewers get "who wrote what" only. */
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const state = useEditorSelector(editor, (current) => {
    const suggestions = suggestionsState(current.state);
    const authorship = authorshipState(current.state);
    return {
      suggesting: suggestions?.suggesting ?? false,
      suggestOnly: suggestions?.suggestOnly ?? false,
      refusal: suggestions?.refusal ?? null,
      authorship: authorship.on,
      legend: authorship.legend,
    };
  });
  const shortcut = "Control+Alt+Shift+X Meta+Alt+Shift+X";

  return (
    <div className="review-bar">
      {!canWrite ? null : state.suggestOnly ? (
        <p className="review-bar__mode" data-testid={TestId.suggestMode} data-mode="suggesting">
          <strong>{t("suggestions.suggesting")}</strong> {t("suggestions.onlySuggest")}
        </p>
      ) : (
        <>
          <button
            type="button"
            className="tool"
            aria-pressed={state.suggesting}
            aria-keyshortcuts={shortcut}
            title={t("suggestions.toggleHint")}
            data-testid={TestId.suggestToggle}
            onClick={() => {
              setSuggesting(editor.view, !state.suggesting);
              editor.commands.focus();
            }}
          >
            {t("suggestions.toggle")}
          </button>
          <p
            className="review-bar__mode"
            role="status"
            data-testid={TestId.suggestMode}
            data-mode={state.suggesting ? "suggesting" : "editing"}
          >
            {state.suggesting ? (
              <>
                <strong>{t("suggestions.suggesting")}</strong> {t("suggestions.suggestingHint")}
              </>
            ) : (
              <>
                <strong>{t("suggestions.editing")}</strong> {t("suggestions.editingHint")}
              </>
            )}
          </p>
        </>
      )}
      <button
        type="button"
        className="tool"
        aria-pressed={state.authorship}
        aria-controls={state.authorship ? "authorship-legend" : undefined}
        data-testid={TestId.authorshipToggle}
        onClick={() => setAuthorshipShown(editor.view, !state.authorship)}
      >
        {t("authorship.toggle")}
      </button>
      {state.refusal && (
        <p className="review-bar__refusal banner error" role="alert" data-testid={TestId.suggestRefusal}>
          {t(`suggestions.refusal.${state.refusal}`)}
        </p>
      )}
      {state.authorship && <AuthorshipLegend id="authorship-legend" legend={state.legend} />}
    </div>
  );
}
