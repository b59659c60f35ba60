import { type MouseEvent, useSyncExternalStore } from "react";

/** The pages of the app, parsed from `location.pathname` and `location.search`. */
export type TRoute =
  /** `/` and the old `/deleted`: send the person to a workspace. */
  | { page: "home"; view: "active" | "deleted" }
  | { page: "signIn"; next: string | null }
  | { page: "signUp"; next: string | null }
  /** `/forgot-password`: how to get back into an account (a link by mail, or from an owner). */
  | { page: "forgotPassword" }
  /** `/reset-password#token=…`: a new password from a one-time link. */
  | { page: "resetPassword" }
  /** `/invite#<token>`: the token is read from the fragment, never the path or query. */
  | { page: "invite" }
  | { page: "documents"; workspaceId: string; view: "active" | "deleted" }
  | { page: "members"; workspaceId: string }
  /** `/w/:id/calls`: the calls board. */
  | { page: "calls"; workspaceId: string }
  /** `/w/:id/templates`: what new documents of each kind start from. */
  | { page: "templates"; workspaceId: string }
  | { page: "audit"; workspaceId: string }
  | { page: "account" }
  | { page: "document"; documentId: string }
  /** `/d/:id/deliver`: the speaker's full-screen, large-type view of a document. */
  | { page: "deliver"; documentId: string }
  | { page: "notFound" };

/** Pages anyone may see; every other page needs a session. */
export const PUBLIC_PAGES: ReadonlySet<TRoute["page"]> = new Set([
  "signIn",
  "signUp",
  "forgotPassword",
  "resetPassword",
  "invite",
  "notFound",
]);

const DOCUMENT_PATH = /^\/d\/([^/]+)(\/deliver)?\/?$/;
const WORKSPACE_PATH = /^\/w\/([^/]+)(?:\/(deleted|members|audit|calls|templates))?\/?$/;

/**
 * Where to go after signing in, if `raw` is a path on this site. Anything
 * else (`//evil.example`, `https://…`, `/\evil.example`, which browsers
 * read as `//`) would make the sign-in page an open redirect.
 */
export function safeNextPath(raw: string | null | undefined): string | null {
  if (!raw?.startsWith("/")) return null;
  if (raw.startsWith("//") || raw.startsWith("/\\")) return null;
  // Control characters and whitespace are stripped by URL parsers, which can turn "/\t/x" into "//x".
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
  if (/[\u0000-\u001f\u007f\s\\]/.test(raw)) return null;
  return raw;
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Parses an address into a route. Pure, so links and tests agree. */
export function parseRoute(pathname: string, search = ""): TRoute {
  if (pathname === "/" || pathname === "") return { page: "home", view: "active" };
  if (pathname === "/deleted") return { page: "home", view: "deleted" };
  const next = () => safeNextPath(new URLSearchParams(search).get("next"));
  if (pathname === "/sign-in") return { page: "signIn", next: next() };
  if (pathname === "/sign-up") return { page: "signUp", next: next() };
  if (pathname === "/invite") return { page: "invite" };
  if (pathname === "/forgot-password") return { page: "forgotPassword" };
  if (pathname === "/reset-password") return { page: "resetPassword" };
  if (pathname === "/account") return { page: "account" };
  const document = DOCUMENT_PATH.exec(pathname);
  const documentId = document?.[1] ? decode(document[1]) : null;
  if (documentId) return document?.[2] ? { page: "deliver", documentId } : { page: "document", documentId };
  const workspace = WORKSPACE_PATH.exec(pathname);
  const workspaceId = workspace?.[1] ? decode(workspace[1]) : null;
  if (workspace && workspaceId) {
    switch (workspace[2]) {
      case "members":
        return { page: "members", workspaceId };
      case "audit":
        return { page: "audit", workspaceId };
      case "calls":
        return { page: "calls", workspaceId };
      case "templates":
        return { page: "templates", workspaceId };
      case "deleted":
        return { page: "documents", workspaceId, view: "deleted" };
      default:
        return { page: "documents", workspaceId, view: "active" };
    }
  }
  return { page: "notFound" };
}

/** The path of a document page. */
export function documentPath(documentId: string): string {
  return `/d/${encodeURIComponent(documentId)}`;
}

/** The delivery view of a document: large type, rehearsal timer, print and export. */
export function deliveryPath(documentId: string): string {
  return `${documentPath(documentId)}/deliver`;
}

/** A workspace's document list, trash, members, audit log, calls board or templates. */
export function workspacePath(
  workspaceId: string,
  section: "documents" | "deleted" | "members" | "audit" | "calls" | "templates" = "documents",
): string {
  const base = `/w/${encodeURIComponent(workspaceId)}`;
  return section === "documents" ? base : `${base}/${section}`;
}

/** The sign-in (or sign-up) page, coming back to `next` afterwards if it is a path on this site. */
export function signInPath(next?: string | null, page: "sign-in" | "sign-up" = "sign-in"): string {
  const safe = safeNextPath(next);
  return safe && safe !== "/" ? `/${page}?${new URLSearchParams({ next: safe })}` : `/${page}`;
}

/** The invitation token in a `location.hash` (`#<token>`), or null. */
export function inviteTokenFromHash(hash: string): string | null {
  const token = hash.startsWith("#") ? hash.slice(1) : hash;
  return /^[A-Za-z0-9._~-]{8,512}$/.test(token) ? token : null;
}

/** The token of a password reset link (`/reset-password#token=…`), or null. */
export function resetTokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return token && /^[A-Za-z0-9_-]{16,200}$/.test(token) ? token : null;
}

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** The address within the site: path and query (the fragment belongs to the page). */
function currentAddress(): string {
  return location.pathname + location.search;
}

/** Moves to a path (with an optional query) without a page load; the server answers every non-API path with the app. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === currentAddress() && !location.hash) return;
  if (options.replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  window.scrollTo(0, 0);
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

/** The current path and query, re-rendering on navigation and back/forward. */
export function useAddress(): { pathname: string; search: string } {
  const address = useSyncExternalStore(subscribe, currentAddress);
  const queryAt = address.indexOf("?");
  return queryAt === -1
    ? { pathname: address, search: "" }
    : { pathname: address.slice(0, queryAt), search: address.slice(queryAt) };
}

/**
 * Click handler for in-app links: keeps modified clicks (new tab, etc.)
 * as the browser's, turns plain clicks into client-side navigation.
 */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (event.currentTarget.origin !== location.origin || event.currentTarget.hasAttribute("download")) return;
  event.preventDefault();
  navigate(event.currentTarget.pathname + event.currentTarget.search);
}
