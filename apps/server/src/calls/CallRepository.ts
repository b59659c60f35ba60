import type { TCall, TCallStatus } from "@caucus/shared";
import { iso } from "../documents/DocumentRepository.js";
import type { SqlExecutor } from "../platform/db/SqlClient.js";

/** A call's row as the board shows it, without the draft's estimate (computed from the Y.Doc). */
export type TCallRecord = Omit<TCall, "estimate">;

/** The stored fields of a call. */
export interface TCallFields {
  forum: string;
  agendaItem: string;
  deadline: string;
  venueTimeZone: string;
  status: TCallStatus;
  speakerId: string | null;
  draftId: string | null;
}

interface CallRow {
  id: string;
  workspace_id: string;
  forum: string;
  agenda_item: string;
  deadline: Date | string;
  venue_time_zone: string;
  status: TCallStatus;
  speaker_id: string | null;
  speaker_name: string | null;
  draft_id: string | null;
  draft_title: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/**
 * The call with its speaker's name and its draft's title. A speaker who
 * left the workspace, or a draft in the trash, is shown as none: the board
 * never points at what its readers cannot open.
 */
const SELECT = `
  SELECT c.id, c.workspace_id, c.forum, c.agenda_item, c.deadline, c.venue_time_zone, c.status,
    m.user_id AS speaker_id, u.name AS speaker_name, d.id AS draft_id, d.title AS draft_title,
    c.created_at, c.updated_at
  FROM calls c
  LEFT JOIN members m ON m.workspace_id = c.workspace_id AND m.user_id = c.speaker_id
  LEFT JOIN "users" u ON u.id = m.user_id
  LEFT JOIN documents d ON d.id = c.draft_id AND d.deleted_at IS NULL`;

const FIELD_COLUMNS: Record<keyof TCallFields, string> = {
  forum: "forum",
  agendaItem: "agenda_item",
  deadline: "deadline",
  venueTimeZone: "venue_time_zone",
  status: "status",
  speakerId: "speaker_id",
  draftId: "draft_id",
};

/** Calls for interventions, per workspace. */
export class CallRepository {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Adds a call unless the workspace already holds `max` calls; `null`
   * then. One statement, so the count and the insert see the same rows.
   */
  async createUnlessFull(
    input: TCallFields & { id: string; workspaceId: string; createdBy: string },
    max: number,
  ): Promise<TCallRecord | null> {
    const inserted = await this.db.query<{ id: string }>(
      `INSERT INTO calls (id, workspace_id, forum, agenda_item, deadline, venue_time_zone, status,
         speaker_id, draft_id, created_by)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
       WHERE (SELECT count(*) FROM calls WHERE workspace_id = $2) < $11
       RETURNING id`,
      [
        input.id,
        input.workspaceId,
        input.forum,
        input.agendaItem,
        input.deadline,
        input.venueTimeZone,
        input.status,
        input.speakerId,
        input.draftId,
        input.createdBy,
        max,
      ],
    );
    return inserted[0] ? this.find(input.workspaceId, input.id) : null;
  }

  async count(workspaceId: string): Promise<number> {
    const rows = await this.db.query<{ count: number | string }>(
      "SELECT count(*) AS count FROM calls WHERE workspace_id = $1",
      [workspaceId],
    );
    return Number(rows[0]?.count ?? 0);
  }

  async find(workspaceId: string, id: string): Promise<TCallRecord | null> {
    const rows = await this.db.query<CallRow>(`${SELECT} WHERE c.workspace_id = $1 AND c.id = $2`, [
      workspaceId,
      id,
    ]);
    return rows[0] ? present(rows[0]) : null;
  }

  /** A workspace's calls, soonest deadline first. */
  async list(workspaceId: string, limit: number): Promise<TCallRecord[]> {
    const rows = await this.db.query<CallRow>(
      `${SELECT} WHERE c.workspace_id = $1 ORDER BY c.deadline, c.created_at LIMIT $2`,
      [workspaceId, limit],
    );
    return rows.map(present);
  }

  /** Changes the given fields; `null` when there is no such call in the workspace. */
  async update(workspaceId: string, id: string, fields: Partial<TCallFields>): Promise<TCallRecord | null> {
    const sets: string[] = [];
    const params: unknown[] = [workspaceId, id];
    for (const [key, value] of Object.entries(fields) as [keyof TCallFields, unknown][]) {
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${FIELD_COLUMNS[key]} = $${params.length}`);
    }
    const changed = await this.db.query<{ id: string }>(
      `UPDATE calls SET ${[...sets, "updated_at = now()"].join(", ")}
       WHERE workspace_id = $1 AND id = $2 RETURNING id`,
      params,
    );
    return changed[0] ? this.find(workspaceId, id) : null;
  }

  /** Removes a call; what it was, or `null` when there was none. */
  async delete(workspaceId: string, id: string): Promise<TCallRecord | null> {
    const found = await this.find(workspaceId, id);
    if (!found) return null;
    await this.db.query("DELETE FROM calls WHERE workspace_id = $1 AND id = $2", [workspaceId, id]);
    return found;
  }

  /** The calls that link `documentId` as their draft (almost always one, or none). */
  async listLinking(documentId: string): Promise<TCallRecord[]> {
    const rows = await this.db.query<CallRow>(`${SELECT} WHERE c.draft_id = $1`, [documentId]);
    return rows.map(present);
  }

  /** The workspaces whose calls link `documentId` as their draft (almost always one, or none). */
  async workspacesLinking(documentId: string): Promise<string[]> {
    const rows = await this.db.query<{ workspace_id: string }>(
      "SELECT DISTINCT workspace_id FROM calls WHERE draft_id = $1",
      [documentId],
    );
    return rows.map((row) => row.workspace_id);
  }
}

function present(row: CallRow): TCallRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    forum: row.forum,
    agendaItem: row.agenda_item,
    deadline: iso(row.deadline),
    venueTimeZone: row.venue_time_zone,
    status: row.status,
    speaker: row.speaker_id ? { id: row.speaker_id, name: row.speaker_name ?? "" } : null,
    draft: row.draft_id ? { id: row.draft_id, title: row.draft_title ?? "" } : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
