import { describe, expect, it } from "vitest";
import {
  deliveryPath,
  documentPath,
  inviteTokenFromHash,
  PUBLIC_PAGES,
  parseRoute,
  resetTokenFromHash,
  safeNextPath,
  signInPath,
  workspacePath,
} from "./router";

const id = "0b6f4f3e-7f1c-4a51-9a8e-2f1d7d0f6a10";

describe("parseRoute", () => {
  it("sends / and the old /deleted to a workspace", () => {
    expect(parseRoute("/")).toEqual({ page: "home", view: "active" });
    expect(parseRoute("/deleted")).toEqual({ page: "home", view: "deleted" });
  });

  it("maps a document page", () => {
    expect(parseRoute(documentPath(id))).toEqual({ page: "document", documentId: id });
    expect(parseRoute(`/d/${id}/`)).toEqual({ page: "document", documentId: id });
  });

  it("maps a document's delivery view, and nothing else under a document", () => {
    expect(parseRoute(deliveryPath(id))).toEqual({ page: "deliver", documentId: id });
    expect(parseRoute(`/d/${id}/deliver/`)).toEqual({ page: "deliver", documentId: id });
    expect(parseRoute(`/d/${id}/delivery`)).toEqual({ page: "notFound" });
    expect(parseRoute(`/d/${id}/deliver/x`)).toEqual({ page: "notFound" });
  });

  it("maps a workspace's documents, trash, members and audit log", () => {
    expect(parseRoute(workspacePath(id))).toEqual({ page: "documents", workspaceId: id, view: "active" });
    expect(parseRoute(workspacePath(id, "deleted"))).toEqual({
      page: "documents",
      workspaceId: id,
      view: "deleted",
    });
    expect(parseRoute(workspacePath(id, "members"))).toEqual({ page: "members", workspaceId: id });
    expect(parseRoute(workspacePath(id, "calls"))).toEqual({ page: "calls", workspaceId: id });
    expect(parseRoute(workspacePath(id, "templates"))).toEqual({ page: "templates", workspaceId: id });
    expect(parseRoute(workspacePath(id, "audit"))).toEqual({ page: "audit", workspaceId: id });
  });

  it("maps the account pages, keeping only a safe next path", () => {
    expect(parseRoute("/sign-in")).toEqual({ page: "signIn", next: null });
    expect(parseRoute("/sign-in", `?next=${encodeURIComponent(`/d/${id}`)}`)).toEqual({
      page: "signIn",
      next: `/d/${id}`,
    });
    expect(parseRoute("/sign-up", "?next=/invite")).toEqual({ page: "signUp", next: "/invite" });
    expect(parseRoute("/sign-in", "?next=//evil.example/x")).toEqual({ page: "signIn", next: null });
    expect(parseRoute("/sign-in", "?next=https://evil.example")).toEqual({ page: "signIn", next: null });
    expect(parseRoute("/account")).toEqual({ page: "account" });
  });

  it("maps the invitation page whatever the fragment holds", () => {
    expect(parseRoute("/invite")).toEqual({ page: "invite" });
  });

  it("maps the password pages, public like signing in", () => {
    expect(parseRoute("/forgot-password")).toEqual({ page: "forgotPassword" });
    expect(parseRoute("/reset-password")).toEqual({ page: "resetPassword" });
    expect(PUBLIC_PAGES.has("forgotPassword")).toBe(true);
    expect(PUBLIC_PAGES.has("resetPassword")).toBe(true);
  });

  it("reads a reset link's token from its fragment only when it looks like one", () => {
    const token = "Zm9vYmFyYmF6cXV4cXV1eF9hbmRfbW9yZQ";
    expect(resetTokenFromHash(`#token=${token}`)).toBe(token);
    expect(resetTokenFromHash(`token=${token}`)).toBe(token);
    expect(resetTokenFromHash("#token=short")).toBeNull();
    expect(resetTokenFromHash("#token=<script>alert(1)</script>aaaaaaaa")).toBeNull();
    expect(resetTokenFromHash("")).toBeNull();
  });

  it("treats anything else as not found", () => {
    expect(parseRoute("/d/")).toEqual({ page: "notFound" });
    expect(parseRoute("/w/")).toEqual({ page: "notFound" });
    expect(parseRoute(`/w/${id}/settings`)).toEqual({ page: "notFound" });
    expect(parseRoute("/settings")).toEqual({ page: "notFound" });
    expect(parseRoute("/d/%E0%A4%A")).toEqual({ page: "notFound" });
  });
});

describe("safeNextPath", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/")).toBe("/");
    expect(safeNextPath(`/d/${id}`)).toBe(`/d/${id}`);
    expect(safeNextPath("/w/abc/members?x=1")).toBe("/w/abc/members?x=1");
  });

  it("refuses other sites and anything a browser could read as one", () => {
    for (const raw of [
      null,
      "",
      "d/x",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      " /d/x",
    ]) {
      expect(safeNextPath(raw), String(raw)).toBeNull();
    }
  });
});

describe("signInPath", () => {
  it("carries a safe next path in the query", () => {
    expect(signInPath(`/d/${id}`)).toBe(`/sign-in?next=%2Fd%2F${id}`);
    expect(signInPath("/invite", "sign-up")).toBe("/sign-up?next=%2Finvite");
    expect(parseRoute("/sign-in", signInPath(`/d/${id}`).slice("/sign-in".length))).toEqual({
      page: "signIn",
      next: `/d/${id}`,
    });
  });

  it("drops a next path that is home or not on this site", () => {
    expect(signInPath("/")).toBe("/sign-in");
    expect(signInPath("//evil.example")).toBe("/sign-in");
    expect(signInPath(null)).toBe("/sign-in");
  });
});

describe("inviteTokenFromHash", () => {
  it("reads the token from the fragment", () => {
    expect(inviteTokenFromHash("#Zx8_k-2mQ9pLr4tV7wYb")).toBe("Zx8_k-2mQ9pLr4tV7wYb");
  });

  it("ignores an empty or malformed fragment", () => {
    expect(inviteTokenFromHash("")).toBeNull();
    expect(inviteTokenFromHash("#")).toBeNull();
    expect(inviteTokenFromHash("#<script>")).toBeNull();
  });
});
