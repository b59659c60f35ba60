import { SAVE_MARKS_FIELD } from "@caucus/shared/editor";
import type * as Y from "yjs";

/** Origin of the marker transactions, so they are never mistaken for (or undone as) typing. */
export const SAVE_MARK_ORIGIN = "caucus:saveMark";
/**
 * Origin of bookkeeping the app writes on its own (who this client is, for
 * "who wrote what"): not an edit of the person's, so not counted as one.
 */
export const UNCOUNTED_ORIGIN = "caucus:uncounted";

/**
 * Calls `onEdit(client, clock)` after every transaction this client makes
 * that changes the document, with the client's clock after it.
 *
 * A transaction that only deletes does not advance the clock, so no state
 * vector could ever show it stored. For those we write a one-entry marker
 * into {@link SAVE_MARKS_FIELD} right after: the marker advances the clock,
 * travels to the server after the deletion, and so is stored only once the
 * deletion is. The marker is what gets recorded for the deletion.
 *
 * `mayMark` is asked before writing a marker: a commenter's socket refuses
 * any update but suggestions (and every later update of the client would
 * then wait on the gap in its clock), so for them a deletion-only edit,
 * which can only be withdrawing a suggestion, goes unmarked.
 *
 * Returns a function that stops tracking.
 */
export function trackLocalEdits(
  ydoc: Y.Doc,
  onEdit: (client: number, clock: number) => void,
  mayMark: () => boolean = () => true,
): () => void {
  const marks = ydoc.getMap<number>(SAVE_MARKS_FIELD);
  const onTransaction = (transaction: Y.Transaction) => {
    // Remote updates (socket, other tabs) and IndexedDB loads arrive with local = false.
    if (!transaction.local || transaction.origin === UNCOUNTED_ORIGIN) return;
    const client = ydoc.clientID;
    const before = transaction.beforeState.get(client) ?? 0;
    const after = transaction.afterState.get(client) ?? 0;
    if (after > before) {
      onEdit(client, after);
    } else if (
      transaction.deleteSet.clients.size > 0 &&
      transaction.origin !== SAVE_MARK_ORIGIN &&
      mayMark()
    ) {
      // Runs as its own transaction once this one is cleaned up (Yjs queues nested transactions).
      const key = String(client);
      ydoc.transact(() => marks.set(key, (marks.get(key) ?? 0) + 1), SAVE_MARK_ORIGIN);
    }
  };
  ydoc.on("afterTransaction", onTransaction);
  return () => ydoc.off("afterTransaction", onTransaction);
}
