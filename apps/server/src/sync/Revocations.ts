/**
 * Revocations: the open sync sockets by person, closed with accessChanged
 * when that person's rights change (heard on the rights-change bus) or,
 * when a change may have been missed, when a fresh check says so. Their
 * clients reconnect and are admitted, or refused, anew.
 */
import { CloseCode, closeCodeName, type TRole } from "@caucus/shared";
import { type AccessChanges, isDocumentChange, type TRightsChange } from "../auth/AccessChanges.js";
import type { Logger } from "../logger.js";
import type { Connection, TSocketIdentity } from "./Connection.js";
import type { SyncStats } from "./SyncStats.js";

export class Revocations {
  /** Open sockets by person, to close them when their rights change. */
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly unsubscribe: () => void;

  constructor(
    accessChanges: AccessChanges,
    private readonly logger: Logger,
    private readonly stats: SyncStats,
  ) {
    this.unsubscribe = accessChanges.subscribe((change) => this.revoke(change));
  }

  /** An admitted socket opened: its rights are watched until it closes. */
  track(connection: Connection): void {
    const { userId } = connection.identity;
    const connections = this.byUser.get(userId);
    if (connections) connections.add(connection);
    else this.byUser.set(userId, new Set([connection]));
  }

  untrack(connection: Connection): void {
    const { userId } = connection.identity;
    const connections = this.byUser.get(userId);
    connections?.delete(connection);
    if (connections?.size === 0) this.byUser.delete(userId);
  }

  /** Stops hearing rights changes (graceful stop). */
  dispose(): void {
    this.unsubscribe();
  }

  /**
   * Checks every open socket's rights again and closes, with accessChanged,
   * those whose role changed or whose session ended. For when rights changes
   * may have been missed: Redis was away while another instance published
   * them, or a session expired; run every ACCESS_RECHECK_SECONDS and when
   * Redis returns. Returns how many closed.
   */
  async recheckAll(
    currentRole: (identity: TSocketIdentity, documentId: string) => Promise<TRole | null>,
  ): Promise<number> {
    let closed = 0;
    // One check per session and document, however many tabs share them.
    const checked = new Map<string, Promise<TRole | null | undefined>>();
    for (const connections of [...this.byUser.values()]) {
      for (const connection of [...connections]) {
        const { identity, documentId } = connection;
        const key = `${identity.userId}\n${identity.sessionId ?? ""}\n${documentId}`;
        let check = checked.get(key);
        if (!check) {
          check = currentRole(identity, documentId).catch(() => undefined);
          checked.set(key, check);
        }
        const role = await check;
        // undefined: the check itself failed (database away); leave the socket as it is.
        if (role === undefined || role === connection.identity.role) continue;
        connection.close(CloseCode.accessChanged, "rights checked again");
        this.stats.recordClose(closeCodeName(CloseCode.accessChanged));
        closed++;
      }
    }
    if (closed > 0)
      this.logger.info({ closed }, "sync sockets closed: rights changed unheard (checked again)");
    return closed;
  }

  /**
   * Closes the sockets a rights change affects; their clients reconnect and
   * are checked again. A deleted document's sockets are closed through its
   * own channel (`RoomRegistry.closeDocument`), not here.
   */
  private revoke(change: TRightsChange): void {
    if (isDocumentChange(change)) return;
    const connections = this.byUser.get(change.userId);
    if (!connections) return;
    for (const connection of connections) {
      const { identity } = connection;
      if (change.workspaceId && identity.workspaceId !== change.workspaceId) continue;
      if (change.documentId && connection.documentId !== change.documentId) continue;
      if (change.sessionId && identity.sessionId !== change.sessionId) continue;
      if (change.reason === "session_renewed") {
        // The device that renewed its session keeps its sockets; later checks ask about the new one.
        // A copy: the identity is shared with the session's other sockets, each renewed in turn.
        if (change.sessionId && change.renewedAs)
          connection.identity = { ...identity, sessionId: change.renewedAs };
        continue;
      }
      this.logger.info(
        { documentId: connection.documentId, reason: change.reason },
        "sync socket closed: access changed",
      );
      connection.close(CloseCode.accessChanged, change.reason);
      this.stats.recordClose(closeCodeName(CloseCode.accessChanged));
    }
  }
}
