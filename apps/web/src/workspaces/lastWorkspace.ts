import type { TWorkspace } from "@caucus/shared";
import { useSyncExternalStore } from "react";

/** The workspace this device used last: where `/` goes, and what the header shows on a document page. */
const LAST_WORKSPACE_KEY = "caucus:workspace";

let memory: string | null = null;
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return localStorage.getItem(LAST_WORKSPACE_KEY) ?? memory;
  } catch {
    return memory;
  }
}

export function rememberWorkspace(workspaceId: string): void {
  if (read() === workspaceId) return;
  memory = workspaceId;
  try {
    localStorage.setItem(LAST_WORKSPACE_KEY, workspaceId);
  } catch {
    // Storage disabled: remembered for this page load.
  }
  for (const listener of listeners) listener();
}

export function forgetWorkspace(): void {
  memory = null;
  try {
    localStorage.removeItem(LAST_WORKSPACE_KEY);
  } catch {
    // Nothing was stored.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLastWorkspaceId(): string | null {
  return useSyncExternalStore(subscribe, read);
}

/** The workspace `/` opens: the last one used if the person still belongs to it, else their first. */
export function pickWorkspace(workspaces: readonly TWorkspace[], lastId: string | null): TWorkspace | null {
  return workspaces.find((workspace) => workspace.id === lastId) ?? workspaces[0] ?? null;
}
