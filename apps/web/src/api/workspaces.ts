import type { TAuditEvent, TMember, TRole, TWorkspace } from "@caucus/shared";
import { jsonInit, request, segment } from "./client";

const base = (workspaceId: string) => `/api/workspaces/${segment(workspaceId)}`;

export async function listWorkspaces(): Promise<TWorkspace[]> {
  return (await request<{ workspaces: TWorkspace[] }>("/api/workspaces")).workspaces;
}

/** Creates a workspace; the caller is its owner. */
export async function createWorkspace(name: string): Promise<TWorkspace> {
  return (await request<{ workspace: TWorkspace }>("/api/workspaces", jsonInit("POST", { name }))).workspace;
}

export async function getWorkspace(workspaceId: string): Promise<TWorkspace> {
  return (await request<{ workspace: TWorkspace }>(base(workspaceId))).workspace;
}

export async function renameWorkspace(workspaceId: string, name: string): Promise<TWorkspace> {
  return (await request<{ workspace: TWorkspace }>(base(workspaceId), jsonInit("PATCH", { name }))).workspace;
}

export async function listMembers(workspaceId: string): Promise<TMember[]> {
  return (await request<{ members: TMember[] }>(`${base(workspaceId)}/members`)).members;
}

/** Owners only; 409 `last_owner` if it would leave the workspace without one. */
export async function changeMemberRole(workspaceId: string, userId: string, role: TRole): Promise<TMember> {
  const path = `${base(workspaceId)}/members/${segment(userId)}`;
  return (await request<{ member: TMember }>(path, jsonInit("PATCH", { role }))).member;
}

/** Removes a member (owners), or leaves (with one's own id). */
export async function removeMember(workspaceId: string, userId: string): Promise<void> {
  await request<{ ok: true }>(`${base(workspaceId)}/members/${segment(userId)}`, jsonInit("DELETE"));
}

/** A page of the audit log, newest first; pass `nextBefore` back as `before` for the next page. */
export async function listAuditEvents(
  workspaceId: string,
  options: { before?: string | null; limit?: number } = {},
): Promise<{ events: TAuditEvent[]; nextBefore: string | null }> {
  const query = new URLSearchParams();
  if (options.before) query.set("before", options.before);
  if (options.limit) query.set("limit", String(options.limit));
  const suffix = query.size > 0 ? `?${query}` : "";
  const answer = await request<{ events: TAuditEvent[]; nextBefore?: string | null }>(
    `${base(workspaceId)}/audit${suffix}`,
  );
  return { events: answer.events, nextBefore: answer.nextBefore ?? null };
}

/** The whole log as CSV; a plain link so the browser downloads it with the session cookie. */
export function auditCsvPath(workspaceId: string): string {
  return `${base(workspaceId)}/audit.csv`;
}
