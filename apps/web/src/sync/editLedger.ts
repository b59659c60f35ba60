/**
 * The edits this browser made to one document that the server has not yet
 * stored, as (clientID, clock) pairs: one entry per local Yjs transaction,
 * holding the client's clock just after it. An edit is stored once the
 * server's stored state vector reaches that clock for that client, because
 * the server stores everything it received up to then, in order.
 *
 * The ledger outlives the page (see ledgerStore.ts), so edits made offline in
 * an earlier page load, under an earlier clientID, still count until stored.
 */

/** A client's pending edits: ascending `[clock, weight]`; weight = transactions merged into it. */
export type TLedgerEntries = Array<[clock: number, weight: number]>;
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

/** Records one local transaction that took `client`'s clock to `clock`. */
export function recordEdit(ledger: TLedger, client: number, clock: number, max = MAX_LEDGER_ENTRIES): void {
  const key = String(client);
  let entries = ledger[key];
  if (!entries) {
    entries = [];
    ledger[key] = entries;
  }
  const last = entries[entries.length - 1];
  if (last && last[0] >= clock) {
    // Same clock means the transaction is already covered by the previous entry's marker.
    last[1] += 1;
  } else {
    entries.push([clock, 1]);
  }
  if (countEntries(ledger) > max) mergeOldest(ledger);
}

/** Number of recorded transactions the stored state vector does not cover yet. */
export function pendingEdits(ledger: TLedger, stored: TStateVector | null): number {
  let pending = 0;
  for (const [key, entries] of Object.entries(ledger)) {
    const storedClock = stored?.get(Number(key)) ?? 0;
    for (const [clock, weight] of entries) {
      if (clock > storedClock) pending += weight;
    }
  }
  return pending;
}

/** Drops every entry the stored state vector covers; returns whether anything changed. */
export function pruneCovered(ledger: TLedger, stored: TStateVector): boolean {
  let changed = false;
  for (const key of Object.keys(ledger)) {
    const storedClock = stored.get(Number(key)) ?? 0;
    const entries = ledger[key] ?? [];
    const firstPending = entries.findIndex(([clock]) => clock > storedClock);
    if (firstPending === 0) continue;
    changed = true;
    if (firstPending === -1) delete ledger[key];
    else entries.splice(0, firstPending);
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

function mergeOldest(ledger: TLedger): void {
  let largest: TLedgerEntries | undefined;
  for (const entries of Object.values(ledger)) {
    if (!largest || entries.length > largest.length) largest = entries;
  }
  if (!largest || largest.length < 2) return;
  const [oldest, next] = largest as [[number, number], [number, number]];
  next[1] += oldest[1];
  largest.shift();
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
        (e): e is [number, number] =>
          Array.isArray(e) && Number.isInteger(e[0]) && Number.isInteger(e[1]) && e[1] > 0,
      );
      if (valid.length > 0) ledger[key] = valid;
    }
    return ledger;
  } catch {
    return {};
  }
}
