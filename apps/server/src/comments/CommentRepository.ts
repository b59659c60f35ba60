import {
  mentionedIds,
  type TComment,
  type TCommentPerson,
  type TCommentThread,
  type TCommentThreadStatus,
} from "@caucus/shared";
import { iso } from "../documents/DocumentRepository.js";
import type { SqlClient } from "../platform/db/SqlClient.js";

interface ThreadRow {
  id: string;
  document_id: string;
  anchor_start: Uint8Array;
  anchor_end: Uint8Array;
  quote: string;
  status: TCommentThreadStatus;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date | string;
  resolved_by: string | null;
  resolved_by_name: string | null;
  resolved_at: Date | string | null;
}

interface CommentRow {
  id: string;
  thread_id: string;
  body: string;
  author_id: string | null;
  author_name: string | null;
  created_at: Date | string;
  edited_at: Date | string | null;
}

/** A comment's stored fields, for the checks services make before changing it. */
export interface TCommentRecord {
  id: string;
  threadId: string;
  authorId: string | null;
}

const SELECT_THREADS = `
  SELECT t.id, t.document_id, t.anchor_start, t.anchor_end, t.quote, t.status,
    t.created_by, cu.name AS created_by_name, t.created_at,
    t.resolved_by, ru.name AS resolved_by_name, t.resolved_at
  FROM comment_threads t
  LEFT JOIN "users" cu ON cu.id = t.created_by
  LEFT JOIN "users" ru ON ru.id = t.resolved_by`;

/** Comment threads and their comments, per document. */
export class CommentRepository {
  constructor(private readonly db: SqlClient) {}

  /** Every thread of the document, oldest first, with its comments. */
  async list(documentId: string): Promise<TCommentThread[]> {
    const threads = await this.db.query<ThreadRow>(
      `${SELECT_THREADS} WHERE t.document_id = $1 ORDER BY t.created_at, t.id`,
      [documentId],
    );
    return this.withComments(documentId, threads);
  }

  /** One thread of the document, or null. */
  async thread(documentId: string, threadId: string): Promise<TCommentThread | null> {
    const threads = await this.db.query<ThreadRow>(
      `${SELECT_THREADS} WHERE t.document_id = $1 AND t.id = $2`,
      [documentId, threadId],
    );
    return (await this.withComments(documentId, threads))[0] ?? null;
  }

  /**
   * Opens a thread with its first comment unless the document already
   * holds `max` threads; false then. The count and the insert are one
   * statement, so two requests cannot both take the last place.
   */
  async createUnlessFull(
    input: {
      id: string;
      documentId: string;
      anchorStart: Uint8Array;
      anchorEnd: Uint8Array;
      quote: string;
      createdBy: string;
      comment: { id: string; body: string };
    },
    max: number,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO comment_threads (id, document_id, anchor_start, anchor_end, quote, created_by)
         SELECT $1, $2, $3, $4, $5, $6
         WHERE (SELECT count(*) FROM comment_threads WHERE document_id = $2) < $7
         RETURNING id`,
        [input.id, input.documentId, input.anchorStart, input.anchorEnd, input.quote, input.createdBy, max],
      );
      if (inserted.length === 0) return false;
      await tx.query("INSERT INTO comments (id, thread_id, body, author_id) VALUES ($1, $2, $3, $4)", [
        input.comment.id,
        input.id,
        input.comment.body,
        input.createdBy,
      ]);
      return true;
    });
  }

  /** Adds a comment unless the thread already holds `max`; false then. */
  async addUnlessFull(
    threadId: string,
    comment: { id: string; body: string; authorId: string },
    max: number,
  ): Promise<boolean> {
    const inserted = await this.db.query<{ id: string }>(
      `INSERT INTO comments (id, thread_id, body, author_id)
       SELECT $1, $2, $3, $4
       WHERE (SELECT count(*) FROM comments WHERE thread_id = $2) < $5
       RETURNING id`,
      [comment.id, threadId, comment.body, comment.authorId, max],
    );
    return inserted.length > 0;
  }

  async comment(threadId: string, commentId: string): Promise<TCommentRecord | null> {
    const rows = await this.db.query<{ id: string; thread_id: string; author_id: string | null }>(
      "SELECT id, thread_id, author_id FROM comments WHERE thread_id = $1 AND id = $2",
      [threadId, commentId],
    );
    const row = rows[0];
    return row ? { id: row.id, threadId: row.thread_id, authorId: row.author_id } : null;
  }

  async edit(commentId: string, body: string): Promise<void> {
    await this.db.query("UPDATE comments SET body = $2, edited_at = now() WHERE id = $1", [commentId, body]);
  }

  /** Deletes a comment; a thread left without comments goes too. Whether the thread went. */
  async delete(threadId: string, commentId: string): Promise<{ threadRemoved: boolean }> {
    return this.db.transaction(async (tx) => {
      await tx.query("DELETE FROM comments WHERE id = $1", [commentId]);
      const removed = await tx.query<{ id: string }>(
        `DELETE FROM comment_threads
         WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM comments WHERE thread_id = $1)
         RETURNING id`,
        [threadId],
      );
      return { threadRemoved: removed.length > 0 };
    });
  }

  async setStatus(threadId: string, status: TCommentThreadStatus, userId: string): Promise<void> {
    if (status === "resolved") {
      await this.db.query(
        "UPDATE comment_threads SET status = 'resolved', resolved_by = $2, resolved_at = now() WHERE id = $1",
        [threadId, userId],
      );
    } else {
      await this.db.query(
        "UPDATE comment_threads SET status = 'open', resolved_by = NULL, resolved_at = NULL WHERE id = $1",
        [threadId],
      );
    }
  }

  private async withComments(documentId: string, threads: ThreadRow[]): Promise<TCommentThread[]> {
    if (threads.length === 0) return [];
    const comments = await this.db.query<CommentRow>(
      `SELECT c.id, c.thread_id, c.body, c.author_id, u.name AS author_name, c.created_at, c.edited_at
       FROM comments c LEFT JOIN "users" u ON u.id = c.author_id
       WHERE c.thread_id = ANY($1::uuid[])
       ORDER BY c.created_at, c.id`,
      [threads.map((thread) => thread.id)],
    );
    const names = await this.mentionable(
      documentId,
      comments.flatMap((comment) => mentionedIds(comment.body)),
    );
    const byThread = new Map<string, TComment[]>();
    for (const row of comments) {
      const list = byThread.get(row.thread_id) ?? [];
      list.push({
        id: row.id,
        body: row.body,
        author: person(row.author_id, row.author_name),
        mentions: mentionedIds(row.body).flatMap((id) => {
          const name = names.get(id);
          return name === undefined ? [] : [{ id, name }];
        }),
        createdAt: iso(row.created_at),
        editedAt: row.edited_at === null ? null : iso(row.edited_at),
      });
      byThread.set(row.thread_id, list);
    }
    return threads.map((row) => ({
      id: row.id,
      documentId: row.document_id,
      anchor: { start: base64(row.anchor_start), end: base64(row.anchor_end) },
      quote: row.quote,
      status: row.status,
      createdBy: person(row.created_by, row.created_by_name),
      createdAt: iso(row.created_at),
      resolvedBy: person(row.resolved_by, row.resolved_by_name),
      resolvedAt: row.resolved_at === null ? null : iso(row.resolved_at),
      comments: byThread.get(row.id) ?? [],
    }));
  }

  /**
   * Names of the mentioned people who may read the document (members of its
   * workspace, or holders of a grant on it): a mention of anyone else stays
   * as written, so an id does not reveal a stranger's name.
   */
  private async mentionable(documentId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; name: string }>(
      `SELECT u.id, u.name FROM "users" u, documents d
       WHERE d.id = $1 AND u.id = ANY($2::text[])
         AND (EXISTS (SELECT 1 FROM members m WHERE m.workspace_id = d.workspace_id AND m.user_id = u.id)
           OR EXISTS (SELECT 1 FROM document_grants g WHERE g.document_id = d.id AND g.user_id = u.id))`,
      [documentId, [...new Set(ids)]],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}

function person(id: string | null, name: string | null): TCommentPerson | null {
  return id === null || name === null ? null : { id, name };
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}
