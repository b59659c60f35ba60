import type { TMember, TRole, TWorkspace } from "@caucus/shared";
import { iso } from "../documents/DocumentRepository.js";
import type { SqlClient } from "../platform/db/SqlClient.js";

interface WorkspaceRow {
  id: string;
  name: string;
  created_at: Date | string;
  role: TRole;
}

interface MemberRow {
  user_id: string;
  name: string;
  email: string;
  role: TRole;
  joined_at: Date | string;
}

/** Workspaces (coalitions) and their members with roles. */
export class WorkspaceRepository {
  constructor(private readonly db: SqlClient) {}

  /** Creates a workspace with `ownerId` as its owner, in one transaction. */
  async create(input: { id: string; name: string; ownerId: string }): Promise<TWorkspace> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<WorkspaceRow>(
        "INSERT INTO workspaces (id, name) VALUES ($1, $2) RETURNING id, name, created_at, 'owner' AS role",
        [input.id, input.name],
      );
      await tx.query("INSERT INTO members (workspace_id, user_id, role) VALUES ($1, $2, 'owner')", [
        input.id,
        input.ownerId,
      ]);
      return presentWorkspace(rows[0] as WorkspaceRow);
    });
  }

  /** Whether any workspace exists: the first account of an install gets one. */
  async any(): Promise<boolean> {
    return (await this.db.query("SELECT 1 FROM workspaces LIMIT 1")).length > 0;
  }

  /** The workspaces `userId` belongs to, with their role, by name. */
  async listForUser(userId: string): Promise<TWorkspace[]> {
    const rows = await this.db.query<WorkspaceRow>(
      `SELECT w.id, w.name, w.created_at, m.role FROM workspaces w
       JOIN members m ON m.workspace_id = w.id AND m.user_id = $1
       ORDER BY lower(w.name), w.created_at`,
      [userId],
    );
    return rows.map(presentWorkspace);
  }

  /** The workspace as `userId` sees it; `null` if they are not a member. */
  async findForUser(workspaceId: string, userId: string): Promise<TWorkspace | null> {
    const rows = await this.db.query<WorkspaceRow>(
      `SELECT w.id, w.name, w.created_at, m.role FROM workspaces w
       JOIN members m ON m.workspace_id = w.id AND m.user_id = $2
       WHERE w.id = $1`,
      [workspaceId, userId],
    );
    return rows[0] ? presentWorkspace(rows[0]) : null;
  }

  async name(workspaceId: string): Promise<string | null> {
    const rows = await this.db.query<{ name: string }>("SELECT name FROM workspaces WHERE id = $1", [
      workspaceId,
    ]);
    return rows[0]?.name ?? null;
  }

  async rename(workspaceId: string, name: string): Promise<void> {
    await this.db.query("UPDATE workspaces SET name = $2 WHERE id = $1", [workspaceId, name]);
  }

  async roleOf(workspaceId: string, userId: string): Promise<TRole | null> {
    const rows = await this.db.query<{ role: TRole }>(
      "SELECT role FROM members WHERE workspace_id = $1 AND user_id = $2",
      [workspaceId, userId],
    );
    return rows[0]?.role ?? null;
  }

  async members(workspaceId: string): Promise<TMember[]> {
    const rows = await this.db.query<MemberRow>(
      `SELECT m.user_id, u.name, u.email, m.role, m.joined_at FROM members m
       JOIN "users" u ON u.id = m.user_id
       WHERE m.workspace_id = $1 ORDER BY lower(u.name), u.email`,
      [workspaceId],
    );
    return rows.map(presentMember);
  }

  async member(workspaceId: string, userId: string): Promise<TMember | null> {
    const rows = await this.db.query<MemberRow>(
      `SELECT m.user_id, u.name, u.email, m.role, m.joined_at FROM members m
       JOIN "users" u ON u.id = m.user_id
       WHERE m.workspace_id = $1 AND m.user_id = $2`,
      [workspaceId, userId],
    );
    return rows[0] ? presentMember(rows[0]) : null;
  }

  /** Adds a member, or raises an existing member's role to `role` if higher. */
  async addMember(workspaceId: string, userId: string, role: TRole): Promise<void> {
    await this.db.query(
      `INSERT INTO members (workspace_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = CASE
         WHEN array_position($4::text[], EXCLUDED.role) < array_position($4::text[], members.role)
         THEN EXCLUDED.role ELSE members.role END`,
      [workspaceId, userId, role, ["owner", "editor", "commenter", "viewer"]],
    );
  }

  /**
   * Sets a member's role unless that would leave the workspace without an
   * owner; the owner count is checked in the same statement, so two owners
   * demoting each other at once cannot both succeed.
   */
  async setRole(
    workspaceId: string,
    userId: string,
    role: TRole,
  ): Promise<"changed" | "missing" | "lastOwner"> {
    return this.changeKeepingAnOwner(workspaceId, userId, role);
  }

  /** Removes a member unless they are its last owner. */
  async removeMember(workspaceId: string, userId: string): Promise<"changed" | "missing" | "lastOwner"> {
    return this.changeKeepingAnOwner(workspaceId, userId, null);
  }

  private async changeKeepingAnOwner(
    workspaceId: string,
    userId: string,
    role: TRole | null,
  ): Promise<"changed" | "missing" | "lastOwner"> {
    return this.db.transaction(async (tx) => {
      // Lock the workspace row: owner changes in one workspace run one at a time.
      const locked = await tx.query("SELECT id FROM workspaces WHERE id = $1 FOR UPDATE", [workspaceId]);
      if (locked.length === 0) return "missing";
      const current = await tx.query<{ role: TRole }>(
        "SELECT role FROM members WHERE workspace_id = $1 AND user_id = $2",
        [workspaceId, userId],
      );
      if (!current[0]) return "missing";
      if (current[0].role === "owner" && role !== "owner") {
        const owners = await tx.query<{ count: number }>(
          "SELECT count(*)::int AS count FROM members WHERE workspace_id = $1 AND role = 'owner'",
          [workspaceId],
        );
        if ((owners[0]?.count ?? 0) <= 1) return "lastOwner";
      }
      if (role) {
        await tx.query("UPDATE members SET role = $3 WHERE workspace_id = $1 AND user_id = $2", [
          workspaceId,
          userId,
          role,
        ]);
      } else {
        await tx.query("DELETE FROM members WHERE workspace_id = $1 AND user_id = $2", [workspaceId, userId]);
        // Their per-document grants in this workspace go with them.
        await tx.query(
          `DELETE FROM document_grants g USING documents d
           WHERE g.document_id = d.id AND d.workspace_id = $1 AND g.user_id = $2`,
          [workspaceId, userId],
        );
      }
      return "changed";
    });
  }
}

function presentWorkspace(row: WorkspaceRow): TWorkspace {
  return { id: row.id, name: row.name, createdAt: iso(row.created_at), role: row.role };
}

function presentMember(row: MemberRow): TMember {
  return {
    userId: row.user_id,
    name: row.name,
    email: row.email,
    role: row.role,
    joinedAt: iso(row.joined_at),
  };
}
