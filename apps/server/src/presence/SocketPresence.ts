/**
 * Presence that rides the sync socket. A tab with a document open names its
 * presence connection id in the socket's address (`?presence=`); while that
 * socket is open this instance renews the tab's entry itself, so the tab
 * sends no heartbeats (an idle open document costs a phone almost nothing),
 * and soon after the socket closes (the tab closed, crashed or lost its
 * network) the entry goes, without waiting out the TTL.
 *
 * The entry itself is still made by the tab's report (`POST …/presence`),
 * which checks membership and carries the status and time zone: a socket
 * only renews or removes the entry of its own person's tab (the key is
 * prefixed with the socket's user id), never makes one.
 */
import { PRESENCE_PARAM } from "@caucus/shared";
import { ZPresenceReport } from "@caucus/shared/schemas";
import type { Logger } from "../logger.js";
import type { TOpenedSocket, TRoomHooks, TSocketRelease } from "../sync/RoomHooks.js";
import type { PresenceService } from "./PresenceService.js";
import { presenceKey } from "./reportPresence.js";

const ZConnectionId = ZPresenceReport.shape.connectionId;

/**
 * How long after its socket closed a tab's entry waits before it is
 * removed: moving from a document to the list closes the socket before the
 * next page reports, and others should not see the person blink out.
 */
export const LEAVE_AFTER_CLOSE_MS = 3_000;

interface KeptTab {
  workspaceId: string;
  /** Open sockets naming this tab (two while a page hands over to the next). */
  sockets: number;
}

export class SocketPresence implements TRoomHooks {
  /** Tabs with an open socket here, by entry key. */
  private readonly kept = new Map<string, KeptTab>();
  private readonly timer: NodeJS.Timeout;
  private readonly leaving = new Set<NodeJS.Timeout>();

  constructor(
    private readonly presence: PresenceService,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    // A third of the TTL: one renewal may fail and the entry still lives.
    this.timer = setInterval(() => void this.renew(), Math.max(1_000, Math.floor(presence.ttlMs / 3)));
    this.timer.unref();
  }

  opened(socket: TOpenedSocket): TSocketRelease | undefined {
    const connectionId = socket.query.get(PRESENCE_PARAM);
    if (connectionId === null || !ZConnectionId.safeParse(connectionId).success) return undefined;
    const { userId, workspaceId } = socket.identity;
    const key = presenceKey(userId, connectionId);
    const tab = this.kept.get(key);
    if (tab) tab.sockets++;
    else this.kept.set(key, { workspaceId, sockets: 1 });
    return () => this.closed(key, workspaceId);
  }

  /** Tabs kept alive here now, for tests. */
  get size(): number {
    return this.kept.size;
  }

  /** Renews the entry of every tab with an open socket here; entries nobody made stay unmade. */
  async renew(): Promise<void> {
    const workspaces = new Set<string>();
    for (const tab of this.kept.values()) workspaces.add(tab.workspaceId);
    for (const workspaceId of workspaces) {
      try {
        const at = this.now();
        for (const { lastSeen: _lastSeen, ...entry } of await this.presence.list(workspaceId)) {
          // Still open now (the list took a while), and in this workspace.
          if (this.kept.get(entry.connectionId)?.workspaceId !== workspaceId) continue;
          await this.presence.heartbeat({ ...entry, workspaceId, at });
        }
      } catch (error) {
        // Presence is a hint: the next round tries again, and the TTL leaves room for it.
        this.logger.warn({ err: error, workspaceId }, "renewing presence of open sockets failed");
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const timer of this.leaving) clearTimeout(timer);
    this.leaving.clear();
    this.kept.clear();
  }

  private closed(key: string, workspaceId: string): void {
    const tab = this.kept.get(key);
    if (!tab) return;
    if (--tab.sockets > 0) return;
    this.kept.delete(key);
    const closedAt = this.now();
    const timer = setTimeout(() => {
      this.leaving.delete(timer);
      void this.leaveUnlessReported(key, workspaceId, closedAt);
    }, LEAVE_AFTER_CLOSE_MS);
    timer.unref();
    this.leaving.add(timer);
  }

  /** Removes the tab's entry unless the tab reported since its socket closed, or opened another. */
  private async leaveUnlessReported(key: string, workspaceId: string, closedAt: number): Promise<void> {
    if (this.kept.has(key)) return;
    try {
      const entry = (await this.presence.list(workspaceId)).find((each) => each.connectionId === key);
      if (!entry || entry.lastSeen > closedAt) return;
      await this.presence.leave(workspaceId, key);
    } catch (error) {
      this.logger.warn({ err: error, workspaceId }, "removing the presence of a closed socket failed");
    }
  }
}
