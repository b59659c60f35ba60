import { describe, expect, it } from "vitest";
import {
  allows,
  can,
  DOCUMENT_ROLES,
  effectiveRole,
  grantApplies,
  guestCan,
  mayChangeComment,
  mayResolveThread,
  outranks,
  PERMISSIONS,
  ROLES,
  textAccess,
} from "./roles.js";

describe("the role table", () => {
  it("gives each role all its less trusted neighbour has, and owners everything", () => {
    for (const permission of PERMISSIONS) expect(can("owner", permission)).toBe(true);
    for (let i = 1; i < ROLES.length; i++) {
      for (const permission of PERMISSIONS) {
        if (can(ROLES[i], permission)) expect(can(ROLES[i - 1], permission)).toBe(true);
      }
    }
    expect(can(null, "document:read")).toBe(false);
    expect(can("viewer", "document:comment")).toBe(false);
    expect(can("commenter", "document:edit")).toBe(false);
    expect(can("editor", "member:manage")).toBe(false);
  });

  it("gives a guest the document only, never the workspace", () => {
    expect(guestCan("editor", "document:edit")).toBe(true);
    expect(guestCan("owner", "document:share")).toBe(false);
    expect(guestCan("owner", "workspace:read")).toBe(false);
    expect(allows({ role: "owner", isMember: true }, "document:share")).toBe(true);
    expect(allows({ role: "owner", isMember: false }, "document:share")).toBe(false);
    expect(allows({ role: null, isMember: true }, "document:read")).toBe(false);
  });

  it("lets editors change the text, commenters suggest, viewers read", () => {
    expect(textAccess({ role: "owner", isMember: true })).toBe("edit");
    expect(textAccess({ role: "editor", isMember: false })).toBe("edit");
    expect(textAccess({ role: "commenter", isMember: true })).toBe("suggest");
    expect(textAccess({ role: "viewer", isMember: false })).toBe("read");
    expect(textAccess({ role: null, isMember: false })).toBe("read");
  });
});

describe("per-document grants", () => {
  it("never make anyone an owner of one document", () => {
    expect(DOCUMENT_ROLES).toEqual(["editor", "commenter", "viewer"]);
  });

  it("override the workspace role, except that owners stay owners", () => {
    expect(effectiveRole("viewer", "editor")).toBe("editor");
    expect(effectiveRole("editor", "viewer")).toBe("viewer");
    expect(effectiveRole("owner", "viewer")).toBe("owner");
    expect(effectiveRole(null, "commenter")).toBe("commenter");
    expect(effectiveRole("commenter", null)).toBe("commenter");
    expect(effectiveRole(null, null)).toBeNull();
    expect(grantApplies("owner")).toBe(false);
    expect(grantApplies("editor")).toBe(true);
    expect(grantApplies(null)).toBe(true);
  });

  it("rank roles from most to least trusted", () => {
    expect(outranks("owner", "editor")).toBe(true);
    expect(outranks("commenter", "viewer")).toBe(true);
    expect(outranks("viewer", "commenter")).toBe(false);
    expect(outranks("editor", "editor")).toBe(false);
  });
});

describe("comments", () => {
  it("are changed by their author only", () => {
    expect(mayChangeComment("u1", "u1")).toBe(true);
    expect(mayChangeComment("u1", "u2")).toBe(false);
    expect(mayChangeComment("u1", null)).toBe(false);
    expect(mayChangeComment(null, undefined)).toBe(false);
  });

  it("are resolved by whoever opened the thread, or by anyone who edits the text", () => {
    expect(mayResolveThread({ userId: "u1", editsText: false }, "u1")).toBe(true);
    expect(mayResolveThread({ userId: "u1", editsText: false }, "u2")).toBe(false);
    expect(mayResolveThread({ userId: "u1", editsText: true }, "u2")).toBe(true);
    expect(mayResolveThread({ userId: null, editsText: false }, undefined)).toBe(false);
  });
});
