import { parseLedger, pruneCovered, type TLedger, type TStateVector } from "./editLedger";

const key = (documentId: string) => `caucus:pendingEdits:${documentId}`;

/** Reads this browser's pending edits for a document (all tabs and past page loads). */
export function loadLedger(documentId: string): TLedger {
  try {
    return parseLedger(localStorage.getItem(key(documentId)));
  } catch {
    // Storage can be disabled (privacy settings); then only this page load counts.
    return {};
  }
}

/**
 * Writes the ledger, keeping entries other tabs wrote for their own clients.
 * Entries this tab holds win; the rest are pruned with the stored state
 * vector this tab last heard, so nothing already stored comes back.
 */
export function saveLedger(documentId: string, ledger: TLedger, stored: TStateVector | null): void {
  try {
    const merged = parseLedger(localStorage.getItem(key(documentId)));
    if (stored) pruneCovered(merged, stored);
    Object.assign(merged, ledger);
    for (const client of Object.keys(merged)) {
      if (merged[client]?.length === 0) delete merged[client];
    }
    if (Object.keys(merged).length === 0) localStorage.removeItem(key(documentId));
    else localStorage.setItem(key(documentId), JSON.stringify(merged));
  } catch {
    // Quota or disabled storage: the in-memory count is still right for this page load.
  }
}
