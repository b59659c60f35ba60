import { isRole, type TAuditEvent } from "@caucus/shared";

/**
 * The "About" cell of an audit row: what it was about (a document's title,
 * a member's email) and, for rights changes, the roles involved, so an
 * owner reads "amina@… · Viewer → Editor" without opening anything.
 * `roleName` turns a role into words in the reader's language.
 */
export function auditAbout(event: TAuditEvent, roleName: (role: string) => string): string {
  const parts: string[] = [];
  if (event.target?.label) parts.push(event.target.label);
  const { detail } = event;
  const role = (value: unknown) => (isRole(value) ? roleName(value) : null);
  if (event.action === "member_role_changed" || event.action === "document_access_changed") {
    const from = role(detail.from);
    const to = role(detail.to);
    if (from && to) parts.push(`${from} → ${to}`);
    else if (to) parts.push(to);
  } else if (event.action === "invitation_created" || event.action === "invitation_accepted") {
    const invited = role(detail.role);
    if (invited) parts.push(invited);
  }
  return parts.join(" · ");
}
