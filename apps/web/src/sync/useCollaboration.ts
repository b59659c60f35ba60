import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { CollaborationSession, type TSessionSnapshot } from "./CollaborationSession";
import { takeEarlySession } from "./earlySession";

declare global {
  interface Window {
    /** Read by browser tests to wait for sync and read text; see testIds.ts. */
    __caucus?: { ydoc: CollaborationSession["ydoc"]; provider: CollaborationSession["provider"] };
  }
}

const IDLE: TSessionSnapshot = {
  ready: false,
  localCopy: true,
  status: { state: "reconnecting", pendingEdits: 0, closeCode: null },
};
const noSubscribe = () => () => {};

/**
 * Opens a document's collaboration session for as long as the component is
 * mounted, or takes over the one opened at start-up (`earlySession.ts`).
 * Created in an effect (not during render) so React's double mounting in
 * development opens and closes it cleanly.
 */
export function useCollaboration(
  documentId: string,
  onAccessChanged?: () => void,
  presenceId?: string,
): {
  session: CollaborationSession | null;
  snapshot: TSessionSnapshot;
} {
  const [session, setSession] = useState<CollaborationSession | null>(null);

  useEffect(() => {
    const next = takeEarlySession(documentId, presenceId) ?? new CollaborationSession(documentId, presenceId);
    setSession(next);
    window.__caucus = { ydoc: next.ydoc, provider: next.provider };
    return () => {
      if (window.__caucus?.ydoc === next.ydoc) delete window.__caucus;
      next.destroy();
      setSession(null);
    };
  }, [documentId, presenceId]);

  // Read from a ref so a new callback does not reopen the session.
  const accessChanged = useRef(onAccessChanged);
  accessChanged.current = onAccessChanged;
  useEffect(() => session?.onAccessChanged(() => accessChanged.current?.()), [session]);

  const snapshot = useSyncExternalStore(
    session?.subscribe ?? noSubscribe,
    session?.getSnapshot ?? (() => IDLE),
  );
  return { session, snapshot };
}
