import type { TAuditAction, TAuditEvent } from "@caucus/shared";
import { iso } from "../documents/DocumentRepository.js";
import { jsonbText } from "../platform/db/jsonbText.js";
import type { SqlExecutor } from "../platform/db/SqlClient.js";

/** What happened, recorded for one workspace. */
export interface TAuditEntry {
  workspaceId: string;
  action: TAuditAction;
  actorId: string | null;
  target?: {
    type: "document" | "user" | "invitation" | "workspace" | "call" | "template";
    id: string;
    label?: string | null;
  };
  detail?: Record<string, unknown>;
}

interface AuditRow {
  id: string;
  at: Date | string;
  action: TAuditAction;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  target_type: "document" | "user" | "invitation" | "workspace" | "call" | "template" | null;
  target_id: string | null;
  target_label: string | null;
  detail: Record<string, unknown> | string;
}

/** The per-workspace audit trail: append, page newest first. */
export class AuditLog {
  constructor(private readonly db: SqlExecutor) {}

  async record(entry: TAuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_events (workspace_id, action, actor_id, target_type, target_id, target_label, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.workspaceId,
        entry.action,
        entry.actorId,
        entry.target?.type ?? null,
        entry.target?.id ?? null,
        entry.target?.label ?? null,
        jsonbText(entry.detail ?? {}),
      ],
    );
  }

  /**
   * Records documents opened, all in one statement: each in its document's
   * workspace, labelled with its title as it is now. An opening of a
   * document purged meanwhile is left out.
   */
  async recordOpenings(openings: readonly { actorId: string; documentId: string }[]): Promise<void> {
    if (openings.length === 0) return;
    await this.db.query(
      `INSERT INTO audit_events (workspace_id, action, actor_id, target_type, target_id, target_label)
       SELECT d.workspace_id, 'document_opened', o.actor_id, 'document', d.id::text, d.title
       FROM unnest($1::text[], $2::uuid[]) WITH ORDINALITY AS o(actor_id, document_id, n)
       JOIN documents d ON d.id = o.document_id AND d.workspace_id IS NOT NULL
       ORDER BY o.n`,
      [openings.map((opening) => opening.actorId), openings.map((opening) => opening.documentId)],
    );
  }

  /** Records one action in every workspace `userId` belongs to (sign-ins). */
  async recordForMember(userId: string, action: TAuditAction): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_events (workspace_id, action, actor_id)
       SELECT workspace_id, $2, $1 FROM members WHERE user_id = $1`,
      [userId, action],
    );
  }

  /** Events older than `before` (an event id), newest first. */
  async page(
    workspaceId: string,
    options: { before?: string | undefined; limit: number },
  ): Promise<TAuditEvent[]> {
    const rows = await this.db.query<AuditRow>(
      `SELECT e.id::text AS id, e.at, e.action, e.actor_id, u.name AS actor_name, u.email AS actor_email,
         e.target_type, e.target_id, e.target_label, e.detail
       FROM audit_events e LEFT JOIN "users" u ON u.id = e.actor_id
       WHERE e.workspace_id = $1 AND ($2::bigint IS NULL OR e.id < $2::bigint)
       ORDER BY e.id DESC LIMIT $3`,
      [workspaceId, options.before ?? null, options.limit],
    );
    return rows.map(present);
  }
}

function present(row: AuditRow): TAuditEvent {
  return {
    id: row.id,
    at: iso(row.at),
    action: row.action,
    actor:
      row.actor_id && row.actor_name !== null
        ? { id: row.actor_id, name: row.actor_name, email: row.actor_email ?? "" }
        : null,
    target: row.target_type
      ? { type: row.target_type, id: row.target_id ?? "", label: row.target_label }
      : null,
    detail: typeof row.detail === "string" ? JSON.parse(row.detail) : row.detail,
  };
}
