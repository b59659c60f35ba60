import type { TPresenceEntry, TPresenceStatus } from "@caucus/shared";

/** One person as the online list shows them, whatever number of tabs they have open. */
export interface TPresencePerson {
  userId: string;
  name: string;
  color: string;
  /** The most present status among their tabs: in the room, else remote, else away. */
  status: TPresenceStatus;
  timeZone: string;
  /** The documents open in their tabs, most recently reported first; empty when only on the workspace's pages. */
  documentIds: string[];
}

/** Display order: in the room first, then remote, then away. */
const STATUS_RANK: Record<TPresenceStatus, number> = { room: 0, remote: 1, away: 2 };

/** Sorts people: in the room, remote, away; then by name in the reader's language. */
export function comparePeople(a: TPresencePerson, b: TPresencePerson, locale?: string): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    a.name.localeCompare(b.name, locale, { sensitivity: "base" }) ||
    (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)
  );
}

/**
 * Groups a workspace's entries (one per tab) into people, sorted for
 * display. Name, colour and time zone come from the person's latest entry.
 */
export function groupByPerson(entries: Iterable<TPresenceEntry>, locale?: string): TPresencePerson[] {
  const byUser = new Map<string, TPresenceEntry[]>();
  for (const entry of entries) {
    const tabs = byUser.get(entry.userId);
    if (tabs) tabs.push(entry);
    else byUser.set(entry.userId, [entry]);
  }
  const people: TPresencePerson[] = [];
  for (const [userId, tabs] of byUser) {
    tabs.sort((a, b) => b.lastSeen - a.lastSeen);
    const latest = tabs[0] as TPresenceEntry;
    let status = latest.status;
    for (const tab of tabs) if (STATUS_RANK[tab.status] < STATUS_RANK[status]) status = tab.status;
    const documentIds: string[] = [];
    for (const tab of tabs) {
      if (tab.documentId !== null && !documentIds.includes(tab.documentId)) documentIds.push(tab.documentId);
    }
    people.push({
      userId,
      name: latest.name,
      color: latest.color,
      status,
      timeZone: latest.timeZone,
      documentIds,
    });
  }
  return people.sort((a, b) => comparePeople(a, b, locale));
}

/** The people other than `selfUserId`, from their tabs that show `documentId` only (or all their tabs when null). */
export function othersOnline(
  entries: Iterable<TPresenceEntry>,
  selfUserId: string | null,
  options: { documentId?: string; locale?: string } = {},
): TPresencePerson[] {
  const { documentId, locale } = options;
  const shown: TPresenceEntry[] = [];
  for (const entry of entries) {
    if (entry.userId === selfUserId) continue;
    if (documentId !== undefined && entry.documentId !== documentId) continue;
    shown.push(entry);
  }
  return groupByPerson(shown, locale);
}

/** Up to two initials for an avatar: "Diego Ruiz" → "DR", "amina@example.org" → "A". */
export function initials(name: string): string {
  const words = name
    .replace(/@.*$/, "")
    .split(/[\s._-]+/)
    .filter((word) => word !== "");
  const first = words[0];
  if (!first) return "?";
  const letter = (word: string) => (Array.from(word)[0] ?? "").toLocaleUpperCase();
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return letter(first) + (last ? letter(last) : "");
}
