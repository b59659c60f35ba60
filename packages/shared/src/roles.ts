/**
 * Who may do what, declared once. The server's `policies/` decide with this
 * table for REST and the sync socket alike; the web app reads it only to
 * hide what a person cannot do (the server still refuses it).
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

/** Roles that may change a document's text; the others get a read-only socket. */
export function canEdit(role: TRole | null | undefined): boolean {
  return can(role, "document:edit");
}

export function isRole(value: unknown): value is TRole {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
