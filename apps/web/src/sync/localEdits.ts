import type * as Y from "yjs";

/**
 * Origin of bookkeeping the app writes on its own (who this client is, for
 * "who wrote what"): not an edit of the person's, so not counted as one.
 */
export const UNCOUNTED_ORIGIN = "caucus:uncounted";

/**
 * Calls `onEdit(client, clock, deletion)` after every transaction this
 * client makes that changes the document: with the client's clock after
 * it, or, for a transaction that only deletes (which moves no clock), with
 * `deletion` set and the clock it was made at. Such an edit is shown stored
 * by the server's count of stored update frames, not by its state vector
 * (see `UpdateFrames.ts`).
 *
 * It runs before the transaction's update is sent (Yjs emits "update" after
 * "afterTransaction"), so a deletion's frame is the next one the socket sends.
 *
 * Returns a function that stops tracking.
 */
export function trackLocalEdits(
  ydoc: Y.Doc,
  onEdit: (client: number, clock: number, deletion: boolean) => void,
): () => void {
  const onTransaction = (transaction: Y.Transaction) => {
    // Remote updates (socket, other tabs) and IndexedDB loads arrive with local = false.
    if (!transaction.local || transaction.origin === UNCOUNTED_ORIGIN) return;
    const client = ydoc.clientID;
    const before = transaction.beforeState.get(client) ?? 0;
    const after = transaction.afterState.get(client) ?? 0;
    if (after > before) onEdit(client, after, false);
    else if (transaction.deleteSet.clients.size > 0) onEdit(client, after, true);
  };
  ydoc.on("afterTransaction", onTransaction);
  return () => ydoc.off("afterTransaction", onTransaction);
}
