/**
 * Every top-level field of a document's Y.Doc, so a reader sees the whole
 * shape of what is synced and stored here, and no two modules spell a
 * field differently (as `redisKeys.ts` does for Redis). A Y.Doc's root
 * types are named by these strings on the wire and in stored updates:
 * renaming one orphans every document written before.
 */

/**
 * Y.XmlFragment: the rich text. Written by the editor (Tiptap's
 * Collaboration) and once by the server when a document is created
 * (`initialDocumentState`); read by exports, versions and estimates
 * (`documentContent`). "default" is Tiptap's own default name.
 */
export const DOCUMENT_FIELD = "default";

/**
 * Y.Map: how the document is delivered (`TDeliverySettings`: language,
 * pace, limit, forum). Written by the delivery settings dialog and by the
 * server at creation (from a template); read by the meter, the delivery
 * view and the calls board's estimate.
 */
export const DELIVERY_SETTINGS_FIELD = "caucus:delivery";

/**
 * Y.Map: clientID (decimal) → the author that client declared
 * (`TAuthor`). Each editing client writes its own entry on its first
 * edit; read by the "who wrote what" view.
 */
export const AUTHORS_FIELD = "caucus:authors";

/**
 * Y.Map: suggestion id → `TSuggestion`, anchored to the text by relative
 * positions. Written by commenters and editors suggesting changes (the
 * server checks a commenter's update against it: `checkSuggestionUpdate`)
 * and by an editor accepting or rejecting one.
 */
export const SUGGESTIONS_FIELD = "caucus:suggestions";

/**
 * Y.Map: clientID (decimal) → a counter earlier web apps bumped after an
 * edit that only deleted text, so the stored state vector could show the
 * deletion saved. No longer written (the `stored` message's frame count
 * shows deletions stored), but documents keep what was written. Not part
 * of the rich text: exports ignore it.
 */
export const SAVE_MARKS_FIELD = "caucus:saveMarks";

/** Every field above, for checks over the whole shape. */
export const DOC_FIELDS = [
  DOCUMENT_FIELD,
  DELIVERY_SETTINGS_FIELD,
  AUTHORS_FIELD,
  SUGGESTIONS_FIELD,
  SAVE_MARKS_FIELD,
] as const;
export type TDocField = (typeof DOC_FIELDS)[number];
