import type { TAuditEvent, TMember, TRole, TWorkspace } from "@caucus/shared";
import { api, apiPath, read, segment } from "./client";

const workspace = api.workspaces[":workspaceId"];
const member = workspace.members[":userId"];

export async function listWorkspaces(): Promise<TWorkspace[]> {
  return (await read(api.workspaces.$get())).workspaces;
}

/** Creates a workspace; the caller is its owner. */
export async function createWorkspace(name: string): Promise<TWorkspace> {
  return (await read(api.workspaces.$post({ json: { name } }))).workspace;
}

export async function getWorkspace(workspaceId: string): Promise<TWorkspace> {
  return (await read(workspace.$get({ param: { workspaceId: segment(workspaceId) } }))).workspace;
}

export async function renameWorkspace(workspaceId: string, name: string): Promise<TWorkspace> {
  const pending = workspace.$patch({ param: { workspaceId: segment(workspaceId) }, json: { name } });
  return (await read(pending)).workspace;
}

export async function listMembers(workspaceId: string): Promise<TMember[]> {
  return (await read(workspace.members.$get({ param: { workspaceId: segment(workspaceId) } }))).members;
}

/** Owners only; 409 `last_owner` if it would leave the workspace without one. */
export async function changeMemberRole(workspaceId: string, userId: string, role: TRole): Promise<TMember> {
  const param = { workspaceId: segment(workspaceId), userId: segment(userId) };
  return (await read(member.$patch({ param, json: { role } }))).member;
}

/** Removes a member (owners), or leaves (with one's own id). */
export async function removeMember(workspaceId: string, userId: string): Promise<void> {
  await member.$delete({ param: { workspaceId: segment(workspaceId), userId: segment(userId) } });
}

/**
 * A one-time link for a member to set a new password (only without mail,
 * and only for a member whose every workspace the caller owns): shown once.
 */
export async function issueResetLink(
  workspaceId: string,
  userId: string,
): Promise<{ link: string; expiresAt: string }> {
  return read(
    member["password-reset"].$post({ param: { workspaceId: segment(workspaceId), userId: segment(userId) } }),
  );
}

/** A page of the audit log, newest first; pass `nextBefore` back as `before` for the next page. */
export async function listAuditEvents(
  workspaceId: string,
  options: { before?: string | null; limit?: number } = {},
): Promise<{ events: TAuditEvent[]; nextBefore: string | null }> {
  const query = {
    ...(options.before ? { before: options.before } : {}),
    ...(options.limit ? { limit: String(options.limit) } : {}),
  };
  return read(workspace.audit.$get({ param: { workspaceId: segment(workspaceId) }, query }));
}

/** The whole log as CSV; a plain link so the browser downloads it with the session cookie. */
export function auditCsvPath(workspaceId: string): string {
  return apiPath(workspace["audit.csv"].$path({ param: { workspaceId: segment(workspaceId) } }));
}
