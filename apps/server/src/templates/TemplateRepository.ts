import type { TTemplateContent, TTemplateKind } from "@caucus/shared";
import { iso } from "../documents/DocumentRepository.js";
import { jsonbText } from "../platform/db/jsonbText.js";
import type { SqlExecutor } from "../platform/db/SqlClient.js";

/** A workspace's own template for one kind, as stored. */
export interface TTemplateRecord {
  kind: TTemplateKind;
  content: TTemplateContent;
  updatedAt: string;
  updatedBy: { id: string; name: string } | null;
}

interface TemplateRow {
  kind: TTemplateKind;
  content: TTemplateContent | string;
  updated_by: string | null;
  updated_by_name: string | null;
  updated_at: Date | string;
}

const SELECT = `
  SELECT t.kind, t.content, t.updated_by, u.name AS updated_by_name, t.updated_at
  FROM workspace_templates t LEFT JOIN "users" u ON u.id = t.updated_by`;

/** Workspaces' own templates, one per document kind at most. */
export class TemplateRepository {
  constructor(private readonly db: SqlExecutor) {}

  async find(workspaceId: string, kind: string): Promise<TTemplateRecord | null> {
    const rows = await this.db.query<TemplateRow>(`${SELECT} WHERE t.workspace_id = $1 AND t.kind = $2`, [
      workspaceId,
      kind,
    ]);
    return rows[0] ? present(rows[0]) : null;
  }

  async list(workspaceId: string): Promise<TTemplateRecord[]> {
    const rows = await this.db.query<TemplateRow>(`${SELECT} WHERE t.workspace_id = $1`, [workspaceId]);
    return rows.map(present);
  }

  /** Sets a kind's template, replacing any earlier one. */
  async save(
    workspaceId: string,
    kind: TTemplateKind,
    content: TTemplateContent,
    userId: string,
  ): Promise<TTemplateRecord> {
    await this.db.query(
      `INSERT INTO workspace_templates (workspace_id, kind, content, updated_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, kind)
       DO UPDATE SET content = EXCLUDED.content, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [workspaceId, kind, jsonbText(content), userId],
    );
    return (await this.find(workspaceId, kind)) as TTemplateRecord;
  }

  /** Removes a kind's template (back to the built-in one); whether there was one. */
  async delete(workspaceId: string, kind: TTemplateKind): Promise<boolean> {
    const deleted = await this.db.query<{ kind: string }>(
      "DELETE FROM workspace_templates WHERE workspace_id = $1 AND kind = $2 RETURNING kind",
      [workspaceId, kind],
    );
    return deleted.length > 0;
  }
}

function present(row: TemplateRow): TTemplateRecord {
  return {
    kind: row.kind,
    content: typeof row.content === "string" ? (JSON.parse(row.content) as TTemplateContent) : row.content,
    updatedAt: iso(row.updated_at),
    updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? "" } : null,
  };
}
