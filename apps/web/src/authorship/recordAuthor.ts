import { AUTHORS_FIELD, readAuthor } from "@caucus/shared/editor";
import type * as Y from "yjs";
import { UNCOUNTED_ORIGIN } from "../sync/localEdits";

/**
 * Writes this client's entry in `caucus:authors` ({ userId, name } under
 * its clientID) after its first edit of the text, and again if the
 * person's name changes, so "who wrote what" can name the text it
 * inserts. Only for people who may edit: a commenter's socket refuses any
 * map but the suggestions. Returns a function that stops.
 */
export function recordAuthor(
  ydoc: Y.Doc,
  text: Y.XmlFragment,
  author: { userId: string; name: string },
): () => void {
  const authors = ydoc.getMap(AUTHORS_FIELD);
  const onTransaction = (transaction: Y.Transaction) => {
    if (
      !transaction.local ||
      transaction.origin === UNCOUNTED_ORIGIN ||
      !(transaction.changedParentTypes as Map<unknown, unknown>).has(text)
    )
      return;
    const key = String(ydoc.clientID);
    const known = readAuthor(authors.get(key));
    if (known && known.userId === author.userId && known.name === author.name) return;
    // Runs once this transaction is done (Yjs queues nested transactions).
    ydoc.transact(() => authors.set(key, { userId: author.userId, name: author.name }), UNCOUNTED_ORIGIN);
  };
  ydoc.on("afterTransaction", onTransaction);
  return () => ydoc.off("afterTransaction", onTransaction);
}
