import { PRESENCE_STATUSES, type TPresenceChange, type TPresenceEntry } from "@caucus/shared";

/**
 * A workspace's live presence entries by connection id, as the stream
 * builds it: a snapshot, then changes. Never mutated, so React sees each change.
 */
export type TPresenceMap = ReadonlyMap<string, TPresenceEntry>;

export const EMPTY_PRESENCE: TPresenceMap = new Map();

/** The map a `snapshot` event describes, replacing whatever was known before. */
export function presenceFromSnapshot(entries: readonly TPresenceEntry[]): TPresenceMap {
  return new Map(entries.map((entry) => [entry.connectionId, entry]));
}

/**
 * The map after one `change` event. Changes are delivered at least once, so
 * a repeated "left" or a "joined" for a known entry is harmless; the same
 * map comes back when nothing changed.
 */
export function applyPresenceChange(map: TPresenceMap, change: TPresenceChange): TPresenceMap {
  if (change.type === "left") {
    if (!map.has(change.connectionId)) return map;
    const next = new Map(map);
    next.delete(change.connectionId);
    return next;
  }
  const known = map.get(change.entry.connectionId);
  // A late "updated" must not put back an older picture of the tab.
  if (known && known.lastSeen > change.entry.lastSeen) return map;
  return new Map(map).set(change.entry.connectionId, change.entry);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Whether a value read from the stream has the fields the page shows. */
export function isPresenceEntry(value: unknown): value is TPresenceEntry {
  return (
    isRecord(value) &&
    typeof value.userId === "string" &&
    typeof value.connectionId === "string" &&
    typeof value.name === "string" &&
    typeof value.color === "string" &&
    (value.documentId === null || typeof value.documentId === "string") &&
    (PRESENCE_STATUSES as readonly unknown[]).includes(value.status) &&
    typeof value.timeZone === "string" &&
    typeof value.lastSeen === "number"
  );
}

/** A `snapshot` event's data, or null if it is not a list of entries. */
export function parseSnapshot(data: string): TPresenceEntry[] | null {
  const value = parseJson(data);
  return Array.isArray(value) ? value.filter(isPresenceEntry) : null;
}

/** A `change` event's data, or null if it is not one. */
export function parseChange(data: string): TPresenceChange | null {
  const value = parseJson(data);
  if (!isRecord(value) || typeof value.workspaceId !== "string") return null;
  if (value.type === "left") {
    return typeof value.connectionId === "string"
      ? { type: "left", workspaceId: value.workspaceId, connectionId: value.connectionId }
      : null;
  }
  if ((value.type === "joined" || value.type === "updated") && isPresenceEntry(value.entry)) {
    return { type: value.type, workspaceId: value.workspaceId, entry: value.entry };
  }
  return null;
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}
