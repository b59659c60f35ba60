import {
  mayChangeComment,
  mayResolveThread,
  type TComment,
  type TCommentPerson,
  type TCommentThread,
} from "@caucus/shared";
import { useState } from "react";
import { deleteComment, editComment, replyToThread, setThreadStatus } from "../api/comments";
import { errorMessage } from "../api/errorMessage";
import { useFormatDate } from "../common/useFormatDate";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { CommentComposer } from "./CommentComposer";
import { bodyParts, toTypedBody } from "./mentionText";
import { mentions } from "./threads";

/** What a thread card may do, and with whom. */
export interface TThreadContext {
  documentId: string;
  userId: string | null;
  members: readonly TCommentPerson[];
  canComment: boolean;
  /** Owners and editors resolve and reopen any thread; others only their own. */
  canEditText: boolean;
  onChanged: (thread: TCommentThread) => void;
  onRemoved: (threadId: string) => void;
}

/** One thread in the side panel: its text (or "text removed"), comments, reply box, resolve/reopen. */
export function ThreadCard({
  thread,
  present,
  active,
  context,
  onSelect,
}: {
  thread: TCommentThread;
  /** Whether its text is still in the document. */
  present: boolean;
  active: boolean;
  context: TThreadContext;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const [replying, setReplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mayResolve = mayResolveThread(
    { userId: context.userId, editsText: context.canEditText },
    thread.createdBy?.id,
  );
  const resolved = thread.status === "resolved";

  const act = async (action: () => Promise<TCommentThread | null>) => {
    setError(null);
    try {
      const next = await action();
      if (next) context.onChanged(next);
      else context.onRemoved(thread.id);
    } catch (caught) {
      setError(errorMessage(caught, t));
    }
  };

  return (
    <li
      className={`thread${active ? " thread--active" : ""}${resolved ? " thread--resolved" : ""}${mentions(thread, context.userId) ? " thread--mentions-me" : ""}`}
      data-testid={TestId.commentThread}
      data-thread-id={thread.id}
      data-status={thread.status}
    >
      <button type="button" className="thread__quote" onClick={onSelect} aria-pressed={active}>
        {present ? (
          <q dir="auto">{thread.quote}</q>
        ) : (
          <span>
            <span className="thread__removed">{t("comments.textRemoved")}</span>{" "}
            <q dir="auto">{thread.quote}</q>
          </span>
        )}
      </button>
      <ol className="thread__comments">
        {thread.comments.map((comment) => (
          <CommentItem key={comment.id} comment={comment} thread={thread} context={context} act={act} />
        ))}
      </ol>
      {resolved && thread.resolvedBy && (
        <p className="hint">{t("comments.resolvedBy", { name: thread.resolvedBy.name })}</p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="thread__actions">
        {context.canComment && !replying && (
          <button
            type="button"
            className="button secondary"
            data-testid={TestId.commentReply}
            onClick={() => setReplying(true)}
          >
            {t("comments.reply")}
          </button>
        )}
        {context.canComment && mayResolve && (
          <button
            type="button"
            className="button secondary"
            data-testid={resolved ? TestId.commentReopen : TestId.commentResolve}
            onClick={() =>
              act(() => setThreadStatus(context.documentId, thread.id, resolved ? "open" : "resolved"))
            }
          >
            {resolved ? t("comments.reopen") : t("comments.resolve")}
          </button>
        )}
      </div>
      {replying && (
        <CommentComposer
          label={t("comments.replyLabel")}
          submitLabel={t("comments.reply")}
          members={context.members}
          autoFocus
          onCancel={() => setReplying(false)}
          onSubmit={async (body) => {
            try {
              context.onChanged(await replyToThread(context.documentId, thread.id, body));
              setReplying(false);
            } catch (caught) {
              throw new Error(errorMessage(caught, t));
            }
          }}
        />
      )}
    </li>
  );
}

function CommentItem({
  comment,
  thread,
  context,
  act,
}: {
  comment: TComment;
  thread: TCommentThread;
  context: TThreadContext;
  act: (action: () => Promise<TCommentThread | null>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [editing, setEditing] = useState(false);
  const own = context.canComment && mayChangeComment(context.userId, comment.author?.id);
  return (
    <li className="comment" data-testid={TestId.comment}>
      <p className="comment__meta">
        <strong>{comment.author?.name ?? t("comments.formerMember")}</strong>{" "}
        <time dateTime={comment.createdAt}>{formatDate(comment.createdAt)}</time>
        {comment.editedAt && <span className="hint"> {t("comments.edited")}</span>}
      </p>
      {editing ? (
        <CommentComposer
          label={t("comments.editLabel")}
          submitLabel={t("actions.save")}
          members={context.members}
          initialText={toTypedBody(comment.body, comment.mentions)}
          initialMentions={comment.mentions}
          autoFocus
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            try {
              context.onChanged(await editComment(context.documentId, thread.id, comment.id, body));
              setEditing(false);
            } catch (caught) {
              throw new Error(errorMessage(caught, t));
            }
          }}
        />
      ) : (
        <p className="comment__body" dir="auto" data-testid={TestId.commentBody}>
          {bodyParts(comment.body, comment.mentions).map((part, index) =>
            "person" in part ? (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed text, in order.
                key={index}
                className={part.person.id === context.userId ? "mention mention--me" : "mention"}
              >
                @{part.person.name}
              </span>
            ) : (
              part.text
            ),
          )}
        </p>
      )}
      {own && !editing && (
        <div className="comment__actions">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t("comments.edit")}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => act(() => deleteComment(context.documentId, thread.id, comment.id))}
          >
            {t("actions.delete")}
          </button>
        </div>
      )}
    </li>
  );
}
