import { useEffect, useSyncExternalStore } from "react";
import { presenceReporter } from "./reporter";

/**
 * Tells the workspace's other members that this tab is on its pages
 * (`documentId` null) or in one of its documents, while the calling page is
 * shown. Pass a null workspace for people who are not members (a guest of
 * one document has no presence).
 */
export function usePresenceReport(workspaceId: string | null, documentId: string | null): void {
  useEffect(() => {
    if (!workspaceId) return;
    return presenceReporter.claim({ workspaceId, documentId });
  }, [workspaceId, documentId]);
}

const subscribe = (listener: () => void) => presenceReporter.subscribe(listener);
const isActive = () => presenceReporter.isActive();

/** Whether this tab is reporting presence now (the person is on a page of a workspace they belong to). */
export function usePresenceActive(): boolean {
  return useSyncExternalStore(subscribe, isActive);
}
