import type { TPresenceChange, TPresenceEntry } from "@caucus/shared";

/** One connection saying "still here", with what it shows now. */
export type TPresenceHeartbeat = Omit<TPresenceEntry, "lastSeen"> & {
  workspaceId: string;
  /** Epoch milliseconds; becomes the entry's lastSeen. */
  at: number;
};

export type TPresenceListener = (change: TPresenceChange) => void;

/**
 * Who is online in each workspace. An entry lives while its connection sends
 * heartbeats and is gone `ttlMs` after the last one, so a crashed client or
 * instance disappears by itself. In-process (`LocalPresence`) for one
 * instance, Redis (`RedisPresence`) for several; one contract suite
 * (tests/support/presenceContract.ts) runs on both.
 */
export interface PresenceService {
  /** How long an entry lives after its last heartbeat; tabs report every half of it. */
  readonly ttlMs: number;
  /** Adds or refreshes the connection's entry; announces "joined", or "updated" when more than lastSeen changed. */
  heartbeat(heartbeat: TPresenceHeartbeat): Promise<void>;
  /** Removes the connection's entry at once and announces "left". */
  leave(workspaceId: string, connectionId: string): Promise<void>;
  /** The workspace's live entries, sorted by connection id. */
  list(workspaceId: string): Promise<TPresenceEntry[]>;
  /** Hears the workspace's changes, from every instance; returns the unsubscribe. */
  subscribe(workspaceId: string, listener: TPresenceListener): () => void;
  /** Stops timers and subscriptions. Entries are left to expire, as after a crash. */
  close(): Promise<void>;
}

/** Whether two entries differ in what people see, lastSeen aside. */
export function sameApartFromLastSeen(a: TPresenceEntry, b: TPresenceEntry): boolean {
  return (
    a.userId === b.userId &&
    a.name === b.name &&
    a.color === b.color &&
    a.documentId === b.documentId &&
    a.status === b.status &&
    a.timeZone === b.timeZone
  );
}

/** The entry a heartbeat describes, with only the entry's fields. */
export function entryOf(heartbeat: TPresenceHeartbeat): TPresenceEntry {
  return {
    userId: heartbeat.userId,
    connectionId: heartbeat.connectionId,
    name: heartbeat.name,
    color: heartbeat.color,
    documentId: heartbeat.documentId,
    status: heartbeat.status,
    timeZone: heartbeat.timeZone,
    lastSeen: heartbeat.at,
  };
}

export function byConnectionId(a: TPresenceEntry, b: TPresenceEntry): number {
  return a.connectionId < b.connectionId ? -1 : a.connectionId > b.connectionId ? 1 : 0;
}
