/**
 * Who may do what, declared once: the table of roles and permissions, and
 * the few rules beyond it (guests, grants, comment authors). The server's
 * policy modules (`documents/policy.ts`, `workspaces/policy.ts`,
 * `comments/policy.ts`) decide with these for REST and the sync socket
 * alike; the web app reads them only to hide what a person cannot do (the
 * server still refuses it). Nothing else compares roles.
 */

/** Roles in a workspace, most to least trusted. */
export const ROLES = ["owner", "editor", "commenter", "viewer"] as const;
export type TRole = (typeof ROLES)[number];

/** Everything a role can be allowed. */
export const PERMISSIONS = [
  /** Open a document and receive its text. */
  "document:read",
  /** Change a document's text through the sync socket. */
  "document:edit",
  /** Comment on or suggest changes to a document (issue "Drafting together"). */
  "document:comment",
  "document:create",
  "document:rename",
  /** Move to the trash and restore from it. */
  "document:delete",
  /** Give one person a role on one document. */
  "document:share",
  /** See the workspace, its member list and its documents. */
  "workspace:read",
  "workspace:rename",
  /** Invite, change roles, remove members. */
  "member:manage",
  "audit:read",
  /** Add, change and delete calls for interventions on the calls board (everyone who reads sees it). */
  "call:manage",
  /** Set or reset the workspace's template for a document kind (everyone who reads sees them). */
  "template:manage",
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

const READ: TPermission[] = ["document:read", "workspace:read"];
const COMMENT: TPermission[] = [...READ, "document:comment"];
const EDIT: TPermission[] = [
  ...COMMENT,
  "document:edit",
  "document:create",
  "document:rename",
  "document:delete",
  "call:manage",
  "template:manage",
];

/** The table itself. */
export const ROLE_PERMISSIONS: Readonly<Record<TRole, ReadonlySet<TPermission>>> = {
  owner: new Set(PERMISSIONS),
  editor: new Set(EDIT),
  commenter: new Set(COMMENT),
  viewer: new Set(READ),
};

/**
 * What a per-document grant gives a person who is not a member of the
 * workspace (an ally invited to one letter): the document only, never the
 * workspace's list of documents or members.
 */
const DOCUMENT_ONLY: ReadonlySet<TPermission> = new Set([
  "document:read",
  "document:edit",
  "document:comment",
]);

/** Whether `role` allows `permission`; no role allows nothing. */
export function can(role: TRole | null | undefined, permission: TPermission): boolean {
  return role ? ROLE_PERMISSIONS[role].has(permission) : false;
}

/** Whether a guest with a document-only grant of `role` may do `permission`. */
export function guestCan(role: TRole | null | undefined, permission: TPermission): boolean {
  return can(role, permission) && DOCUMENT_ONLY.has(permission);
}

/** What one person has on one document: their effective role, and whether they are a member of its workspace. */
export interface TDocumentAccessRole {
  role: TRole | null | undefined;
  /** False for a guest: someone with a grant on this document only. */
  isMember: boolean;
}

/** Whether this access to a document allows `permission`; a guest only ever gets document permissions. */
export function allows(access: TDocumentAccessRole, permission: TPermission): boolean {
  return access.isMember ? can(access.role, permission) : guestCan(access.role, permission);
}

/**
 * What someone may do to a document's text: change it, suggest changes
 * (commenters), or only read it. The sync socket is opened accordingly,
 * and the editor follows.
 */
export function textAccess(access: TDocumentAccessRole): "edit" | "suggest" | "read" {
  if (allows(access, "document:edit")) return "edit";
  return allows(access, "document:comment") ? "suggest" : "read";
}

/** Roles a per-document grant or invitation may give: owning is the workspace's, not one document's. */
export const DOCUMENT_ROLES: readonly TRole[] = ROLES.filter((role) => role !== "owner");

/** Whether a per-document grant changes anything for a member of this role: owners stay owners everywhere. */
export function grantApplies(memberRole: TRole | null): boolean {
  return memberRole !== "owner";
}

/** Someone's role on a document: a grant overrides their workspace role, except that owners stay owners. */
export function effectiveRole(memberRole: TRole | null, grantRole: TRole | null): TRole | null {
  if (!grantApplies(memberRole)) return memberRole;
  return grantRole ?? memberRole;
}

/** Whether role `a` is more trusted than role `b` (an invitation to a document never lowers a member). */
export function outranks(a: TRole, b: TRole): boolean {
  return ROLES.indexOf(a) < ROLES.indexOf(b);
}

/** Whether someone may edit or delete a comment: its author only. */
export function mayChangeComment(userId: string | null, authorId: string | null | undefined): boolean {
  return userId !== null && authorId === userId;
}

/**
 * Whether someone may resolve or reopen a comment thread: whoever opened
 * it, or anyone who may edit the text (who acts on what it says).
 */
export function mayResolveThread(
  actor: { userId: string | null; editsText: boolean },
  openedBy: string | null | undefined,
): boolean {
  return actor.editsText || (actor.userId !== null && openedBy === actor.userId);
}

/** Roles that may change a document's text; the others get a read-only socket. */
export function canEdit(role: TRole | null | undefined): boolean {
  return can(role, "document:edit");
}

export function isRole(value: unknown): value is TRole {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
