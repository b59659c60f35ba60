import type { TRole } from "./roles.js";

/** Workspaces, members, invitations and the audit log as the API presents them. */

/** A workspace (one coalition), with the caller's role in it. */
export interface TWorkspace {
  id: string;
  name: string;
  createdAt: string;
  role: TRole;
}

export interface TMember {
  userId: string;
  name: string;
  email: string;
  role: TRole;
  joinedAt: string;
}

/** A pending invitation; its secret token is shown once, at creation. */
export interface TInvitation {
  id: string;
  workspaceId: string;
  role: TRole;
  /** Set when the invitation is to one document only (a guest). */
  documentId: string | null;
  expiresAt: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
}

/** What a person opening an invitation link sees before accepting. */
export interface TInvitationPreview {
  workspaceName: string;
  role: TRole;
  documentId: string | null;
  documentTitle: string | null;
  invitedBy: string | null;
  expiresAt: string;
}

/** One person's role on one document, overriding their workspace role. */
export interface TDocumentGrant {
  userId: string;
  name: string;
  email: string;
  role: TRole;
  /** False for an ally invited to this document only. */
  isMember: boolean;
}

export const AUDIT_ACTIONS = [
  "signed_in",
  "signed_out_everywhere",
  "name_changed",
  "email_changed",
  "password_changed",
  "password_reset",
  "password_reset_link_created",
  "workspace_created",
  "workspace_renamed",
  "invitation_created",
  "invitation_revoked",
  "invitation_accepted",
  "member_role_changed",
  "member_removed",
  "document_created",
  "document_opened",
  "document_renamed",
  "document_deleted",
  "document_restored",
  "document_access_changed",
  "call_created",
  "call_updated",
  "call_deleted",
  "template_saved",
  "template_reset",
  "version_created",
  "version_restored",
  "comment_thread_created",
  "comment_added",
  "comment_edited",
  "comment_deleted",
  "comment_thread_resolved",
  "comment_thread_reopened",
] as const;
export type TAuditAction = (typeof AUDIT_ACTIONS)[number];

export interface TAuditEvent {
  id: string;
  at: string;
  action: TAuditAction;
  actor: { id: string; name: string; email: string } | null;
  /** What the action was about: a document, a member, an invitation. */
  target: {
    type: "document" | "user" | "invitation" | "workspace" | "call" | "template";
    id: string;
    label: string | null;
  } | null;
  detail: Record<string, unknown>;
}

/** The signed-in person and the workspaces they belong to. */
export interface TMe {
  user: { id: string; name: string; email: string; twoFactorEnabled: boolean };
  workspaces: TWorkspace[];
}
