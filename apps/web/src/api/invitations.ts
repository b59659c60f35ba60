import type { TCreateInvitation, TInvitation, TInvitationPreview } from "@caucus/shared";
import type { InferResponseType } from "hono/client";
import { api, read, segment } from "./client";

const invitations = api.workspaces[":workspaceId"].invitations;

/** Unused, unexpired invitations (owners only). */
export async function listInvitations(workspaceId: string): Promise<TInvitation[]> {
  return (await read(invitations.$get({ param: { workspaceId: segment(workspaceId) } }))).invitations;
}

/**
 * What creating an invitation takes: a role, optionally one `documentId`
 * (a guest of that document only) and `expiresInHours` (1–720; the
 * server's default is 168, 7 days). Inferred from the route's schema.
 */
export type TNewInvitation = TCreateInvitation;

/** A new invitation, and its `token`: shown this once, stored on the server only as a hash. */
export type TCreatedInvitation = InferResponseType<typeof invitations.$post>;

/** Creates an invitation; `token` is shown this once and is stored on the server only as a hash. */
export async function createInvitation(
  workspaceId: string,
  input: TNewInvitation,
): Promise<TCreatedInvitation> {
  return read(invitations.$post({ param: { workspaceId: segment(workspaceId) }, json: input }));
}

export async function revokeInvitation(workspaceId: string, invitationId: string): Promise<void> {
  const param = { workspaceId: segment(workspaceId), invitationId: segment(invitationId) };
  await invitations[":invitationId"].$delete({ param });
}

/** What an invitation link offers; no session needed. 404 `invitation_not_found` if unknown, used or expired. */
export async function previewInvitation(token: string): Promise<TInvitationPreview> {
  return (await read(api.invitations.preview.$post({ json: { token } }))).invitation;
}

/** The workspace (and document, for a guest) that accepting an invitation joined. */
export type TAcceptedInvitation = InferResponseType<typeof api.invitations.accept.$post>;

/** Uses the invitation up and joins its workspace (or document). */
export async function acceptInvitation(token: string): Promise<TAcceptedInvitation> {
  return read(api.invitations.accept.$post({ json: { token } }));
}

/**
 * The link to hand over. The token travels in the fragment, which browsers
 * never send to a server, so it stays out of access logs and Referer headers.
 */
export function invitationLink(origin: string, token: string): string {
  return `${origin}/invite#${token}`;
}
