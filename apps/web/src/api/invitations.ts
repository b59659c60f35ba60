import type { TInvitation, TInvitationPreview, TRole } from "@caucus/shared";
import { jsonInit, request, segment } from "./client";

const base = (workspaceId: string) => `/api/workspaces/${segment(workspaceId)}/invitations`;

/** Unused, unexpired invitations (owners only). */
export async function listInvitations(workspaceId: string): Promise<TInvitation[]> {
  return (await request<{ invitations: TInvitation[] }>(base(workspaceId))).invitations;
}

export interface TNewInvitation {
  role: TRole;
  /** Set to invite someone to this document only. */
  documentId?: string;
  /** 1–720; the server's default is 168 (7 days). */
  expiresInHours?: number;
}

/** Creates an invitation; `token` is shown this once and is stored on the server only as a hash. */
export async function createInvitation(
  workspaceId: string,
  input: TNewInvitation,
): Promise<{ invitation: TInvitation; token: string }> {
  return request(base(workspaceId), jsonInit("POST", input));
}

export async function revokeInvitation(workspaceId: string, invitationId: string): Promise<void> {
  await request<{ ok: true }>(`${base(workspaceId)}/${segment(invitationId)}`, jsonInit("DELETE"));
}

/** What an invitation link offers; no session needed. 404 `invitation_not_found` if unknown, used or expired. */
export async function previewInvitation(token: string): Promise<TInvitationPreview> {
  const answer = await request<{ invitation: TInvitationPreview }>(
    "/api/invitations/preview",
    jsonInit("POST", { token }),
  );
  return answer.invitation;
}

/** Uses the invitation up and joins its workspace (or document). */
export async function acceptInvitation(
  token: string,
): Promise<{ workspaceId: string; documentId: string | null }> {
  return request("/api/invitations/accept", jsonInit("POST", { token }));
}

/**
 * The link to hand over. The token travels in the fragment, which browsers
 * never send to a server, so it stays out of access logs and Referer headers.
 */
export function invitationLink(origin: string, token: string): string {
  return `${origin}/invite#${token}`;
}
