/**
 * Someone's rights changed: their open sockets must close so they reconnect
 * under the new ones. Published by the services that change rights and
 * consumed by every instance's sync server; the in-process bus here is the
 * single-instance implementation, and the Redis one (issue "Presence and
 * horizontal scale") implements the same interface.
 */
export interface TAccessChange {
  userId: string;
  /** Only sockets on this workspace's documents; all of the person's when absent. */
  workspaceId?: string;
  /** Only sockets on this document. */
  documentId?: string;
  /** Only sockets opened with this session (one device signed out). */
  sessionId?: string;
  /**
   * With `session_renewed`: the session that replaces `sessionId` (a password
   * change or two-factor switch gives the device that made it a new session);
   * its sockets and streams carry on under the new one instead of closing.
   */
  renewedAs?: string;
  /** Why, for logs; `session_renewed` ends nothing. */
  reason: "role_changed" | "removed" | "signed_out" | "grant_changed" | "session_renewed";
}

export interface AccessChanges {
  publish(change: TAccessChange): Promise<void>;
  subscribe(listener: (change: TAccessChange) => void): () => void;
}

/** Delivers changes to listeners in this process. */
export class LocalAccessChanges implements AccessChanges {
  private readonly listeners = new Set<(change: TAccessChange) => void>();

  async publish(change: TAccessChange): Promise<void> {
    for (const listener of this.listeners) listener(change);
  }

  subscribe(listener: (change: TAccessChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
