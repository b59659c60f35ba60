import { type MouseEvent, useSyncExternalStore } from "react";

/** The pages of the app, parsed from `location.pathname`. */
export type TRoute =
  | { page: "documents"; view: "active" | "deleted" }
  | { page: "document"; documentId: string }
  | { page: "notFound" };

const DOCUMENT_PATH = /^\/d\/([^/]+)\/?$/;

/** Parses a pathname into a route. Pure, so links and tests agree. */
export function parseRoute(pathname: string): TRoute {
  if (pathname === "/" || pathname === "") return { page: "documents", view: "active" };
  if (pathname === "/deleted") return { page: "documents", view: "deleted" };
  const match = DOCUMENT_PATH.exec(pathname);
  if (match?.[1]) return { page: "document", documentId: decodeURIComponent(match[1]) };
  return { page: "notFound" };
}

/** The path of a document page. */
export function documentPath(documentId: string): string {
  return `/d/${encodeURIComponent(documentId)}`;
}

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** Moves to a path without a page load (the server answers every non-API path with the app). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname) return;
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

/** The current pathname, re-rendering on navigation and back/forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

/**
 * Click handler for in-app links: keeps modified clicks (new tab, etc.)
 * as the browser's, turns plain clicks into client-side navigation.
 */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.pathname);
}
