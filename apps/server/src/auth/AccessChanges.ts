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

/**
 * A document itself changed so that nobody may open it as before (moved to
 * the trash): what an instance remembers about anyone's access to it must
 * be read again. Its sockets are closed through the document's own channel.
 */
export interface TDocumentChange {
  documentId: string;
  reason: "document_deleted";
}

/** What goes over the bus: one person's rights, or one document's. */
export type TRightsChange = TAccessChange | TDocumentChange;

export function isDocumentChange(change: TRightsChange): change is TDocumentChange {
  return change.reason === "document_deleted";
}

export interface AccessChanges {
  publish(change: TRightsChange): Promise<void>;
  subscribe(listener: (change: TRightsChange) => void): () => void;
  /**
   * Whether every change published anywhere reaches this process now: false
   * while Redis is away, when other instances' changes are lost.
   */
  readonly listening: boolean;
}

/** Delivers changes to listeners in this process. */
export class LocalAccessChanges implements AccessChanges {
  private readonly listeners = new Set<(change: TRightsChange) => void>();
  /** One process: nothing is published anywhere else. */
  readonly listening = true;

  async publish(change: TRightsChange): Promise<void> {
    for (const listener of this.listeners) listener(change);
  }

  subscribe(listener: (change: TRightsChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
