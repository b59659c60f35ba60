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

/** What of a document's sync provider tells whether its socket is connected. */
interface TSocketStatus {
  wsconnected: boolean;
  on(event: "status", listener: (event: { status: string }) => void): void;
  off(event: "status", listener: (event: { status: string }) => void): void;
}

/**
 * While the document's socket is connected, the server keeps this tab's
 * presence (the socket names it): the tab stops its heartbeats, and starts
 * them again when the socket drops or the page goes.
 */
export function useSocketKeepsPresence(provider: TSocketStatus | null): void {
  useEffect(() => {
    if (!provider) return;
    const onStatus = ({ status }: { status: string }) =>
      presenceReporter.keptBySocketChanged(status === "connected");
    provider.on("status", onStatus);
    presenceReporter.keptBySocketChanged(provider.wsconnected);
    return () => {
      provider.off("status", onStatus);
      presenceReporter.keptBySocketChanged(false);
    };
  }, [provider]);
}
