import type { TAuditEvent } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { auditAbout } from "./auditDetail";

const event = (partial: Partial<TAuditEvent>): TAuditEvent => ({
  id: "1",
  at: "2026-11-28T10:00:00.000Z",
  action: "signed_in",
  actor: null,
  target: null,
  detail: {},
  ...partial,
});
const upper = (role: string) => role.toUpperCase();

describe("auditAbout", () => {
  it("shows a role change with both roles", () => {
    const changed = event({
      action: "member_role_changed",
      target: { type: "user", id: "u", label: "amina@example.org" },
      detail: { from: "viewer", to: "editor" },
    });
    expect(auditAbout(changed, upper)).toBe("amina@example.org · VIEWER → EDITOR");
  });

  it("shows an invitation's role, with the document when there is one", () => {
    expect(auditAbout(event({ action: "invitation_created", detail: { role: "commenter" } }), upper)).toBe(
      "COMMENTER",
    );
    const toDocument = event({
      action: "invitation_created",
      target: { type: "invitation", id: "i", label: "Sign-on letter" },
      detail: { role: "viewer" },
    });
    expect(auditAbout(toDocument, upper)).toBe("Sign-on letter · VIEWER");
  });

  it("ignores what is not a role and shows the label alone", () => {
    const odd = event({
      action: "document_access_changed",
      target: { type: "document", id: "d", label: "Letter" },
      detail: { from: "admin", to: null },
    });
    expect(auditAbout(odd, upper)).toBe("Letter");
    expect(auditAbout(event({ action: "signed_in" }), upper)).toBe("");
  });
});
