/**
 * Who is online in a workspace, in plain types (no zod, for the web bundle);
 * the validation schema is `ZPresenceEntry` in `schemas.ts`.
 */

/** Set by the person; "away" is also set for them after idle time. */
export const PRESENCE_STATUSES = ["room", "remote", "away"] as const;
/** "room": in the conference room; "remote": joining from elsewhere; "away": not at the screen. */
export type TPresenceStatus = (typeof PRESENCE_STATUSES)[number];

/** One open connection of one person: a person with two tabs has two entries. */
export interface TPresenceEntry {
  userId: string;
  /** Unique per socket; the key of the entry. */
  connectionId: string;
  /** Display name. */
  name: string;
  /** Caret and avatar colour, e.g. "#1f77b4". */
  color: string;
  /** The document open in this connection; null on the workspace's pages. */
  documentId: string | null;
  status: TPresenceStatus;
  /** IANA time zone, e.g. "Africa/Nairobi", to show the person's local time. */
  timeZone: string;
  /** Epoch milliseconds of the last heartbeat. */
  lastSeen: number;
}

/**
 * A change to a workspace's presence. "updated" is sent when something other
 * than lastSeen changed. Changes are hints, delivered at least once: a "left"
 * may arrive twice, and a listener that must be exact re-reads the list.
 */
export type TPresenceChange =
  | { type: "joined" | "updated"; workspaceId: string; entry: TPresenceEntry }
  | { type: "left"; workspaceId: string; connectionId: string };
