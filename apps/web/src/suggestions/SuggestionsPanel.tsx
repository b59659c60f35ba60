import type { Editor } from "@tiptap/core";
import { useRef, useState } from "react";
import type * as Y from "yjs";
import { ColourSwatch } from "../common/ColourSwatch";
import { useEditorSelector } from "../editor/useEditorSelector";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import type { TPlaced } from "./placement";
import { suggestionsState } from "./SuggestedEdits";
import { acceptSuggestions, rejectSuggestions } from "./suggestionActions";
import type { TAuthorOf } from "./suggestionAuthors";

/** "insert ‘x’", "delete ‘y’" or "replace ‘y’ with ‘x’", in the reader's language. */
function useDescribe(editor: Editor): (suggestion: TPlaced) => string {
  const { t } = useTranslation();
  return (suggestion) => {
    const size = editor.state.doc.content.size;
    const removed = suggestion.pos
      ? editor.state.doc.textBetween(
          Math.min(suggestion.pos.from, size),
          Math.min(suggestion.pos.to, size),
          " ",
        )
      : "";
    if (!removed) return t("suggestions.insert", { text: suggestion.insert });
    if (!suggestion.insert) return t("suggestions.delete", { text: removed });
    return t("suggestions.replace", { old: removed, text: suggestion.insert });
  };
}

/**
 * The suggestions beside the text, in document order, each with who and
 * what in words. Editors and owners accept or reject each one, or all of
 * one author's; a commenter withdraws their own. Suggestions whose text
 * has changed since are listed apart and can only be rejected. Authors are
 * named by `authorOf` from their id, never by the name a suggestion carries.
 */
export function SuggestionsPanel({
  editor,
  ydoc,
  userId,
  canDecide,
  authorOf,
}: {
  editor: Editor;
  ydoc: Y.Doc;
  userId: string;
  /** Who wrote a suggestion, by its author's id. */
  authorOf: TAuthorOf;
  /** Editors and owners: accept and reject anyone's. */
  canDecide: boolean;
}) {
  const { t } = useTranslation();
  const suggestions = useEditorSelector(
    editor,
    (current) => suggestionsState(current.state)?.suggestions ?? null,
  );
  const describe = useDescribe(editor);
  const [status, setStatus] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);

  if (suggestions === null) return <p className="hint">{t("suggestions.loading")}</p>;
  const placed = suggestions.filter((s) => s.pos);
  const stale = suggestions.filter((s) => !s.pos);
  const authors = [...new Map(placed.map((s) => [s.authorId, authorOf(s.authorId).name])).entries()];

  /** After a decision the list changes under the focus: keep it in the panel. */
  const decided = (message: string) => {
    setStatus(message);
    headingRef.current?.focus();
  };
  const accept = (list: TPlaced[]) => {
    acceptSuggestions(editor.view, ydoc, list);
    decided(t("suggestions.accepted", { count: list.length }));
  };
  const reject = (list: TPlaced[], withdrawn = false) => {
    rejectSuggestions(
      ydoc,
      list.map((s) => s.id),
    );
    decided(withdrawn ? t("suggestions.withdrawn") : t("suggestions.rejected", { count: list.length }));
  };
  const select = (suggestion: TPlaced) => {
    if (!suggestion.pos) return;
    editor.chain().focus().setTextSelection(suggestion.pos).scrollIntoView().run();
  };

  const item = (suggestion: TPlaced) => {
    const what = describe(suggestion);
    const own = suggestion.authorId === userId;
    const author = authorOf(suggestion.authorId);
    return (
      <li
        key={suggestion.id}
        className="suggestions__item"
        data-testid={TestId.suggestionItem}
        data-suggestion-id={suggestion.id}
        data-author={author.name}
      >
        <button
          type="button"
          className="suggestions__what"
          disabled={!suggestion.pos}
          onClick={() => select(suggestion)}
          title={t("suggestions.goTo")}
        >
          <ColourSwatch color={author.color} />
          {t("suggestions.by", { name: author.name, what })}
        </button>
        <span className="suggestions__actions">
          {canDecide && suggestion.pos && (
            <button
              type="button"
              className="button secondary"
              data-testid={TestId.suggestionAccept}
              aria-label={t("suggestions.acceptOne", { name: author.name, what })}
              onClick={() => accept([suggestion])}
            >
              {t("suggestions.accept")}
            </button>
          )}
          {(canDecide || own) && (
            <button
              type="button"
              className="button secondary"
              data-testid={TestId.suggestionReject}
              aria-label={
                own && !canDecide
                  ? t("suggestions.withdrawOne", { what })
                  : t("suggestions.rejectOne", { name: author.name, what })
              }
              onClick={() => reject([suggestion], own && !canDecide)}
            >
              {own && !canDecide ? t("suggestions.withdraw") : t("suggestions.reject")}
            </button>
          )}
        </span>
      </li>
    );
  };

  return (
    <aside
      className="suggestions"
      aria-labelledby="suggestions-heading"
      data-testid={TestId.suggestionsPanel}
    >
      <h2 id="suggestions-heading" className="suggestions__heading" tabIndex={-1} ref={headingRef}>
        {t("suggestions.heading")} <span className="hint">({suggestions.length})</span>
      </h2>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {suggestions.length === 0 && <p className="hint">{t("suggestions.empty")}</p>}
      {canDecide && authors.length > 0 && (
        <ul className="suggestions__authors">
          {authors.map(([authorId, name]) => {
            const theirs = placed.filter((s) => s.authorId === authorId);
            return (
              <li key={authorId}>
                <button
                  type="button"
                  className="button secondary"
                  data-testid={TestId.suggestionAcceptAll}
                  onClick={() => accept(theirs)}
                >
                  {t("suggestions.acceptAllBy", { name })}
                </button>
                <button
                  type="button"
                  className="button secondary"
                  data-testid={TestId.suggestionRejectAll}
                  onClick={() => reject(theirs)}
                >
                  {t("suggestions.rejectAllBy", { name })}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {placed.length > 0 && <ol className="suggestions__list">{placed.map(item)}</ol>}
      {stale.length > 0 && (
        <>
          <h3 className="suggestions__subheading">{t("suggestions.stale")}</h3>
          <p className="hint">{t("suggestions.staleHint")}</p>
          <ul className="suggestions__list" data-testid={TestId.suggestionsStale}>
            {stale.map(item)}
          </ul>
        </>
      )}
    </aside>
  );
}
