import { MAX_COMMENT_QUOTE, type TCommentAnchor, type TCommentPerson } from "@caucus/shared";
import { commentAnchor, commentRange, editorBinding } from "@caucus/shared/editor";
import type { Editor } from "@tiptap/core";
import { useCallback, useEffect, useMemo, useState } from "react";
import { createThread } from "../api/comments";
import { errorMessage } from "../api/errorMessage";
import { listMembers } from "../api/workspaces";
import { useRequest } from "../common/useRequest";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { CommentComposer } from "./CommentComposer";
import { asksForComment, highlightedRanges, requestComment, showThreads } from "./commentHighlights";
import { isCommentShortcut, selectedRange } from "./selection";
import { ThreadCard, type TThreadContext } from "./ThreadCard";
import { inDocumentOrder, mentions } from "./threads";
import { useCommentThreads } from "./useCommentThreads";
import "./comments.css";

/**
 * The side panel of a document's comment threads: open ones in the order
 * of their text (resolved ones on request), live from the comment stream;
 * a new thread starts from the selection (Comment button, Ctrl/Cmd+Alt+M).
 */
export function CommentsPanel({
  editor,
  documentId,
  workspaceId,
  userId,
  canComment: mayComment,
  canEditText,
  onNeedsRoom,
}: {
  editor: Editor | null;
  documentId: string;
  /** Null for a guest of this one document: no member list to mention from. */
  workspaceId: string | null;
  userId: string | null;
  canComment: boolean;
  canEditText: boolean;
  /** Called when the panel has something to show now (a comment being written): on a phone it is a sheet that may be closed. */
  onNeedsRoom?: () => void;
}) {
  const { t } = useTranslation();
  const { status, threads, apply, remove } = useCommentThreads(documentId);
  // The threads this device kept, shown while the server cannot be reached: to read only.
  const canComment = mayComment && status !== "kept";
  const people = useRequest(
    useCallback(() => (workspaceId ? listMembers(workspaceId) : null), [workspaceId]),
  ).value;
  const members = useMemo<readonly TCommentPerson[]>(
    () => people?.map((m) => ({ id: m.userId, name: m.name })) ?? [],
    [people],
  );
  const [showResolved, setShowResolved] = useState(false);
  const [onlyMine, setOnlyMine] = useState(false);
  const [active, setActive] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ anchor: TCommentAnchor; quote: string } | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  // Bumped when the text changes, so the order and "text removed" follow it.
  const [textVersion, setTextVersion] = useState(0);

  const startComment = useCallback(() => {
    if (!editor || !canComment) return;
    const range = selectedRange(editor);
    const binding = editorBinding(editor.state);
    if (!range || !binding) {
      setHint(t("comments.selectFirst"));
      return;
    }
    setHint(null);
    const quote = editor.state.doc.textBetween(range.from, range.to, " ").slice(0, MAX_COMMENT_QUOTE);
    setDraft({ anchor: commentAnchor(binding, range.from, range.to), quote });
    onNeedsRoom?.();
  }, [editor, canComment, t, onNeedsRoom]);

  // The toolbar's button and the editor ask through a transaction; the text's changes move the order.
  useEffect(() => {
    if (!editor) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onTransaction = ({ transaction }: { transaction: import("@tiptap/pm/state").Transaction }) => {
      if (asksForComment(transaction)) startComment();
      if (transaction.docChanged) {
        clearTimeout(timer);
        timer = setTimeout(() => setTextVersion((n) => n + 1), 150);
      }
    };
    editor.on("transaction", onTransaction);
    return () => {
      clearTimeout(timer);
      editor.off("transaction", onTransaction);
    };
  }, [editor, startComment]);

  // Ctrl/Cmd+Alt+M anywhere on the page, so it works in a read-only editor too.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isCommentShortcut(event) || !editor) return;
      event.preventDefault();
      requestComment(editor.view.dispatch, editor.state);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editor]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    showThreads(editor.view.dispatch, editor.state, { threads, active });
    // The ranges below were read before these threads reached the editor:
    // read them again, or a thread loaded or arriving live shows "text
    // removed" until the next edit.
    setTextVersion((n) => n + 1);
  }, [editor, threads, active]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: textVersion re-reads the ranges after edits.
  const ranges = useMemo(
    () => (editor && !editor.isDestroyed ? highlightedRanges(editor.state) : new Map()),
    [editor, threads, active, textVersion],
  );
  const shown = useMemo(() => {
    const visible = threads.filter(
      (thread) => (showResolved || thread.status === "open") && (!onlyMine || mentions(thread, userId)),
    );
    return inDocumentOrder(visible, new Map([...ranges].map(([id, range]) => [id, range.from])));
  }, [threads, ranges, showResolved, onlyMine, userId]);

  const select = (threadId: string) => {
    setActive(threadId);
    if (!editor) return;
    const thread = threads.find((th) => th.id === threadId);
    const binding = editorBinding(editor.state);
    const range = ranges.get(threadId) ?? (thread && binding ? commentRange(binding, thread.anchor) : null);
    if (!range) return;
    editor.commands.setTextSelection(range);
    const { node } = editor.view.domAtPos(range.from);
    (node instanceof Element ? node : node.parentElement)?.scrollIntoView({
      block: "center",
      behavior: "smooth",
    });
  };

  const context: TThreadContext = {
    documentId,
    userId,
    members,
    canComment,
    canEditText,
    onChanged: apply,
    onRemoved: remove,
  };
  const openCount = threads.filter((thread) => thread.status === "open").length;

  return (
    <aside className="comments-panel" aria-labelledby="comments-heading" data-testid={TestId.commentsPanel}>
      <div className="comments-panel__header">
        <h2 id="comments-heading">{t("comments.heading", { count: openCount })}</h2>
        {canComment && (
          <button
            type="button"
            className="button"
            data-testid={TestId.commentStart}
            title={t("comments.startHint")}
            aria-keyshortcuts="Control+Alt+M Meta+Alt+M"
            // Keeps the editor's selection: the click must not take it away first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={startComment}
          >
            {t("comments.start")}
          </button>
        )}
      </div>
      {hint && (
        <p className="hint" role="status">
          {hint}
        </p>
      )}
      {draft && (
        <div className="thread thread--draft">
          <q dir="auto">{draft.quote}</q>
          <CommentComposer
            label={t("comments.newLabel")}
            submitLabel={t("comments.start")}
            members={members}
            autoFocus
            onCancel={() => {
              setDraft(null);
              // Back to the text, where the selection still is.
              if (editor && !editor.isDestroyed) editor.commands.focus();
            }}
            onSubmit={async (body) => {
              try {
                const thread = await createThread(documentId, { ...draft, body });
                apply(thread);
                setDraft(null);
                setActive(thread.id);
              } catch (caught) {
                throw new Error(errorMessage(caught, t));
              }
            }}
          />
        </div>
      )}
      <div className="comments-panel__filters">
        <label>
          <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} />{" "}
          {t("comments.showResolved")}
        </label>
        {userId && (
          <label>
            <input type="checkbox" checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)} />{" "}
            {t("comments.mentionsMe")}
          </label>
        )}
      </div>
      {status === "loading" &&
        (navigator.onLine ? (
          <p className="hint" aria-busy="true">
            {t("comments.loading")}
          </p>
        ) : (
          <p className="hint" role="status" data-testid={TestId.commentsOffline}>
            {t("comments.offlineNone")}
          </p>
        ))}
      {status === "kept" && (
        <p className="hint" role="status" data-testid={TestId.commentsOffline}>
          {t("comments.kept")}
        </p>
      )}
      {status === "unavailable" && (
        <p className="banner error" role="alert">
          {t("comments.unavailable")}
        </p>
      )}
      {status === "stale" && <p className="hint">{t("comments.reconnecting")}</p>}
      {status !== "loading" && shown.length === 0 && (
        <p className="hint" data-testid={TestId.commentsEmpty}>
          {threads.length === 0 ? t("comments.empty") : t("comments.noneShown")}
        </p>
      )}
      <ul className="threads">
        {shown.map((thread) => (
          <ThreadCard
            key={thread.id}
            thread={thread}
            present={ranges.has(thread.id) || thread.status === "resolved"}
            active={thread.id === active}
            context={context}
            onSelect={() => select(thread.id)}
          />
        ))}
      </ul>
    </aside>
  );
}
