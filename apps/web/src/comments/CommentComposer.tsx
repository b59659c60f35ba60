import { MAX_COMMENT_BODY, type TCommentPerson } from "@caucus/shared";
import { type KeyboardEvent, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { mentionQuery, toStoredBody } from "./mentionText";

/**
 * A comment box: typing "@" suggests the workspace's members (arrows to
 * move, Enter or Tab to pick, Escape to close); Ctrl/Cmd+Enter sends.
 */
export function CommentComposer({
  label,
  submitLabel,
  members,
  initialText = "",
  initialMentions = [],
  autoFocus = false,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  members: readonly TCommentPerson[];
  initialText?: string;
  initialMentions?: readonly TCommentPerson[];
  autoFocus?: boolean;
  /** Resolves once sent; throws a message to show when it was not. */
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initialText);
  const [picked, setPicked] = useState<readonly TCommentPerson[]>(initialMentions);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Opened by the person's own action (Comment, Reply, Edit): the text goes here,
  // as it appears (a layout effect: before the next key press can land elsewhere).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when it opens
  useLayoutEffect(() => {
    if (autoFocus) input.current?.focus();
  }, []);

  const suggestions = useMemo(() => {
    if (!query) return [];
    const wanted = query.query.toLocaleLowerCase();
    return members.filter((m) => m.name.toLocaleLowerCase().includes(wanted)).slice(0, 6);
  }, [members, query]);

  const pick = (person: TCommentPerson) => {
    if (!query) return;
    const caret = query.start + 1 + query.query.length;
    const next = `${text.slice(0, query.start)}@${person.name} ${text.slice(caret)}`;
    setText(next);
    setPicked((prev) => (prev.some((p) => p.id === person.id) ? prev : [...prev, person]));
    setQuery(null);
    const at = query.start + person.name.length + 2;
    requestAnimationFrame(() => input.current?.setSelectionRange(at, at));
  };

  const submit = async () => {
    const body = toStoredBody(text, picked);
    if (!body || sending) return;
    setSending(true);
    setError(null);
    try {
      await onSubmit(body);
      setText("");
      setPicked([]);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : suggestions.length - 1;
        setHighlighted((i) => (i + step) % suggestions.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        const person = suggestions[Math.min(highlighted, suggestions.length - 1)];
        if (person) pick(person);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === "Escape" && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };

  const listId = `${id}-mentions`;
  return (
    <form
      className="comment-composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label className="visually-hidden" htmlFor={`${id}-text`}>
        {label}
      </label>
      <textarea
        ref={input}
        id={`${id}-text`}
        data-testid={TestId.commentInput}
        value={text}
        rows={2}
        maxLength={MAX_COMMENT_BODY}
        placeholder={label}
        role="combobox"
        aria-expanded={suggestions.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={suggestions.length > 0 ? `${listId}-${highlighted}` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setQuery(mentionQuery(event.target.value, event.target.selectionStart));
          setHighlighted(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      {suggestions.length > 0 && (
        <div
          className="mention-suggestions"
          role="listbox"
          id={listId}
          aria-label={t("comments.mentionList")}
        >
          {suggestions.map((person, index) => (
            <div
              key={person.id}
              id={`${listId}-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === highlighted}
              data-testid={TestId.mentionOption}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(person);
              }}
            >
              {person.name}
            </div>
          ))}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="comment-composer__actions">
        <button
          type="submit"
          className="button"
          disabled={sending || !text.trim()}
          data-testid={TestId.commentSubmit}
        >
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t("actions.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
