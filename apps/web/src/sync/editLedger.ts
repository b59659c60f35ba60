/**
 * The edits this browser made to one document that the server has not yet
 * stored, as (clientID, clock) pairs: one entry per local Yjs transaction,
 * holding the client's clock just after it. An edit is stored once the
 * server's stored state vector reaches that clock for that client, because
 * the server stores everything it received up to then, in order.
 *
 * A transaction that only deletes moves no clock, and no state vector can
 * show it stored (nor can a later edit's clock: after a reconnect, an edit
 * typed before the socket's sync step 2 reaches the server before a
 * deletion made offline, which that step 2 carries). Its entry is marked a
 * deletion, and it is stored once the server says the update frame that
 * carried it is (see `UpdateFrames.ts`).
 *
 * The ledger outlives the page (see ledgerStore.ts), so edits made offline in
 * an earlier page load, under an earlier clientID, still count until stored.
 */

/** One pending edit, or several merged (weight = transactions merged into it); `deletion`: 1 for a deletion-only one. */
export type TLedgerEntry = [clock: number, weight: number, deletion?: 1];
/** A client's pending edits, ascending by clock. */
export type TLedgerEntries = TLedgerEntry[];
/** Pending edits by clientID (as a string, so it serialises to JSON). */
export type TLedger = Record<string, TLedgerEntries>;
/** Server's stored state vector: clientID → clock of the first missing struct. */
export type TStateVector = Map<number, number>;

/**
 * Past this many entries the oldest entry of the largest client is merged into
 * the next one: the count stays exact (weights add up) and only the moment it
 * drops may lag by one store. Bounds memory and localStorage while offline.
 */
export const MAX_LEDGER_ENTRIES = 5000;

/**
 * Records one local transaction that took `client`'s clock to `clock`, or,
 * for a `deletion` (which moves no clock), was made at `clock`. Returns its
 * entry; a deletion always gets one of its own, as the frame that carries
 * it is known only for it.
 */
export function recordEdit(
  ledger: TLedger,
  client: number,
  clock: number,
  deletion = false,
  max = MAX_LEDGER_ENTRIES,
): TLedgerEntry {
  const key = String(client);
  let entries = ledger[key];
  if (!entries) {
    entries = [];
    ledger[key] = entries;
  }
  const last = entries[entries.length - 1];
  let entry: TLedgerEntry;
  if (last && !deletion && last[2] !== 1 && last[0] >= clock) {
    last[1] += 1;
    entry = last;
  } else {
    entry = deletion ? [clock, 1, 1] : [clock, 1];
    entries.push(entry);
  }
  if (countEntries(ledger) > max) mergeOldest(ledger);
  return entry;
}

/** Whether the stored state vector, at `storedClock` for the entry's client, covers it: never a deletion. */
function covered([clock, , deletion]: TLedgerEntry, storedClock: number): boolean {
  return deletion !== 1 && storedClock >= clock;
}

/** Number of recorded transactions the stored state vector does not cover yet. */
export function pendingEdits(ledger: TLedger, stored: TStateVector | null): number {
  let pending = 0;
  for (const [key, entries] of Object.entries(ledger)) {
    const storedClock = stored?.get(Number(key)) ?? 0;
    for (const entry of entries) {
      if (!covered(entry, storedClock)) pending += entry[1];
    }
  }
  return pending;
}

/**
 * Drops each client's entries up to the first one the stored state vector
 * does not cover (the rest stay, though counted by `pendingEdits` only if
 * not covered); returns whether anything changed.
 */
export function pruneCovered(ledger: TLedger, stored: TStateVector): boolean {
  let changed = false;
  for (const key of Object.keys(ledger)) {
    const storedClock = stored.get(Number(key)) ?? 0;
    const entries = ledger[key] ?? [];
    const firstPending = entries.findIndex((entry) => !covered(entry, storedClock));
    if (firstPending === 0) continue;
    changed = true;
    if (firstPending === -1) delete ledger[key];
    else entries.splice(0, firstPending);
  }
  return changed;
}

/**
 * Drops, for each client, every entry up to the last one `isStored` says is
 * stored, when that means the earlier ones are too (a frame the server
 * acknowledged: every edit sent before it is stored). Returns whether
 * anything changed.
 */
export function pruneThrough(
  ledger: TLedger,
  isStored: (entry: TLedgerEntry, client: number) => boolean,
): boolean {
  let changed = false;
  for (const key of Object.keys(ledger)) {
    const entries = ledger[key] ?? [];
    let through = -1;
    for (let i = entries.length - 1; i >= 0; i--) {
      if (isStored(entries[i] as TLedgerEntry, Number(key))) {
        through = i;
        break;
      }
    }
    if (through === -1) continue;
    changed = true;
    if (through === entries.length - 1) delete ledger[key];
    else entries.splice(0, through + 1);
  }
  return changed;
}

/**
 * Drops entries for edits this device no longer has: a tab closed before
 * IndexedDB wrote its last keystrokes, so the ledger counted them but no copy
 * exists here (or, after a sync, on the server). Nothing can ever store them,
 * and counting them would leave the status at "Saving…" forever.
 * `localClock(client)` is the document's state for that client.
 */
export function dropUnknown(ledger: TLedger, localClock: (client: number) => number): boolean {
  let changed = false;
  for (const key of Object.keys(ledger)) {
    const known = localClock(Number(key));
    const entries = ledger[key] ?? [];
    const firstUnknown = entries.findIndex(([clock]) => clock > known);
    if (firstUnknown === -1) continue;
    changed = true;
    if (firstUnknown === 0) delete ledger[key];
    else entries.splice(firstUnknown);
  }
  return changed;
}

function countEntries(ledger: TLedger): number {
  let count = 0;
  for (const entries of Object.values(ledger)) count += entries.length;
  return count;
}

/**
 * Merges the oldest entry of the largest client that has a later one of
 * its kind into that one: a later edit stored (by its clock, or by the
 * frame that carried it) means the earlier one of its kind is too. Across
 * kinds that does not hold.
 */
function mergeOldest(ledger: TLedger): void {
  let largest: TLedgerEntries | undefined;
  for (const entries of Object.values(ledger)) {
    if (!largest || entries.length > largest.length) largest = entries;
  }
  if (!largest) return;
  for (let i = 0; i < largest.length; i++) {
    const oldest = largest[i] as TLedgerEntry;
    const later = largest.findIndex((entry, j) => j > i && entry[2] === oldest[2]);
    if (later === -1) continue;
    (largest[later] as TLedgerEntry)[1] += oldest[1];
    largest.splice(i, 1);
    return;
  }
}

/** Parses a ledger read from storage, dropping anything malformed rather than trusting it. */
export function parseLedger(raw: string | null): TLedger {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== "object") return {};
    const ledger: TLedger = {};
    for (const [key, entries] of Object.entries(value)) {
      if (!/^\d+$/.test(key) || !Array.isArray(entries)) continue;
      const valid = entries.filter(
        (e): e is TLedgerEntry =>
          Array.isArray(e) &&
          Number.isInteger(e[0]) &&
          Number.isInteger(e[1]) &&
          e[1] > 0 &&
          (e.length === 2 || (e.length === 3 && e[2] === 1)),
      );
      if (valid.length > 0) ledger[key] = valid;
    }
    return ledger;
  } catch {
    return {};
  }
}
