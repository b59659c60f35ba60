import * as Y from "yjs";
import { SUGGESTIONS_FIELD } from "../docFields.js";

/**
 * Suggested edits live beside the text, not in it: a Y.Map in the same
 * Y.Doc ({@link SUGGESTIONS_FIELD}), one entry per suggestion, each anchored to the text by Yjs
 * relative positions. A commenter's socket may add entries and withdraw
 * its own, nothing else, which the server can check from the shape of an
 * update alone ({@link checkSuggestionUpdate}); accepting one is an
 * ordinary edit by an editor that also deletes the entry.
 */

/** One proposed change: replace the text between `from` and `to` (empty for a pure insertion) with `insert` (empty for a pure deletion). */
export interface TSuggestion {
  id: string;
  authorId: string;
  authorName: string;
  /** ISO 8601. */
  createdAt: string;
  /** Where the replaced range starts: an anchor (`anchorAt` in `anchors.ts`). */
  from: string;
  /** Where it ends; the same place as `from` for a pure insertion. */
  to: string;
  insert: string;
}

export const SUGGESTION_LIMITS = {
  /** Longest text one suggestion inserts. */
  maxInsert: 10_000,
  /** Longest encoded relative position (base64). */
  maxPosition: 200,
  maxAuthorName: 200,
  /** Suggestions open on one document at once. */
  maxOpen: 1_000,
  /** Suggestions one person may have open on one document. */
  maxOpenPerAuthor: 100,
  /** Characters one person's open suggestions may insert on one document, together. */
  maxInsertPerAuthor: 20_000,
  /** Characters all open suggestions of one document may insert, together. */
  maxInsertTotal: 200_000,
  /**
   * Share of the document size limit past which someone who may only
   * suggest can no longer grow the document: the rest is the editors'.
   */
  maxDocumentShare: 0.5,
} as const;

const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;
const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A map entry as a suggestion, or null when it is not one (hand-crafted or from a newer version). */
export function readSuggestion(value: unknown): TSuggestion | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const entry = value as Record<string, unknown>;
  const { id, authorId, authorName, createdAt, from, to, insert } = entry;
  if (typeof id !== "string" || !ID_PATTERN.test(id)) return null;
  if (typeof authorId !== "string" || authorId.length === 0 || authorId.length > 100) return null;
  if (typeof authorName !== "string" || authorName.length > SUGGESTION_LIMITS.maxAuthorName) return null;
  if (typeof createdAt !== "string" || !ISO_PATTERN.test(createdAt)) return null;
  for (const position of [from, to]) {
    if (typeof position !== "string" || position.length > SUGGESTION_LIMITS.maxPosition) return null;
    if (!BASE64_PATTERN.test(position)) return null;
  }
  if (typeof insert !== "string" || insert.length > SUGGESTION_LIMITS.maxInsert) return null;
  if (Object.keys(entry).length !== 7) return null;
  return { id, authorId, authorName, createdAt, from: from as string, to: to as string, insert };
}

/** Every readable suggestion of a document, in no particular order. */
export function listSuggestions(doc: Y.Doc): TSuggestion[] {
  const suggestions: TSuggestion[] = [];
  for (const value of doc.getMap(SUGGESTIONS_FIELD).values()) {
    const suggestion = readSuggestion(value);
    if (suggestion) suggestions.push(suggestion);
  }
  return suggestions;
}

/**
 * Whether a Yjs update from someone who may only suggest (a commenter)
 * does nothing else: every struct it adds is a new entry of
 * {@link SUGGESTIONS_FIELD} holding a well-formed suggestion by `authorId`
 * (new key: no origin, so no existing entry is overwritten), and every
 * deletion removes one of that person's own entries. Returns null when
 * it is fine, else what is wrong. Reads `doc`, never changes it.
 */
export function checkSuggestionUpdate(doc: Y.Doc, update: Uint8Array, authorId: string): string | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return "the update does not decode";
  }
  const suggestions = doc.getMap(SUGGESTIONS_FIELD);
  const added: TSuggestion[] = [];
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    // Already held (sent again after a reconnect): applying it changes nothing.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    if (!(struct instanceof Y.Item)) return "only new suggestions may be added";
    // In a decoded update, a root type's child names its parent by the root's name.
    if ((struct.parent as unknown) !== SUGGESTIONS_FIELD || struct.parentSub === null) {
      return "only suggestions may be added: the text itself cannot be changed";
    }
    // An entry under a key the map already holds (even a withdrawn one) would
    // take the key's place by Yjs's conflict rule: a high client id wins.
    if (
      struct.origin !== null ||
      struct.rightOrigin !== null ||
      suggestions._map.has(struct.parentSub) ||
      added.some((earlier) => earlier.id === struct.parentSub)
    )
      return "an existing suggestion cannot be replaced";
    if (!(struct.content instanceof Y.ContentAny) || struct.content.arr.length !== 1) {
      return "a suggestion must be a plain value";
    }
    const suggestion = readSuggestion(struct.content.arr[0]);
    if (!suggestion || suggestion.id !== struct.parentSub) return "the suggestion is not well formed";
    if (suggestion.authorId !== authorId) return "a suggestion must be your own";
    added.push(suggestion);
  }
  if (added.length > 0 && suggestions.size + added.length > SUGGESTION_LIMITS.maxOpen) {
    return `a document holds at most ${SUGGESTION_LIMITS.maxOpen} open suggestions`;
  }
  const withdrawn = new Set<string>();
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      const end = range.clock + range.len;
      for (let clock = range.clock; clock < end; ) {
        let item: Y.Item | Y.GC;
        try {
          item = Y.getItem(doc.store, Y.createID(client, clock)) as Y.Item | Y.GC;
        } catch {
          return "a deletion names something this document does not hold";
        }
        if (!(item instanceof Y.Item) || item.parent !== suggestions || item.parentSub === null) {
          return "only suggestions may be deleted: the text itself cannot be changed";
        }
        const own = item.content instanceof Y.ContentAny && readSuggestion(item.content.arr[0]);
        if (!own || own.authorId !== authorId) return "only your own suggestions may be withdrawn";
        withdrawn.add(own.id);
        clock = item.id.clock + item.length;
      }
    }
  }
  if (added.length === 0) return null;
  const over = suggestionBudgetPassed(suggestions, added, withdrawn, authorId);
  return over === null ? null : BUDGET_PROBLEMS[over];
}

/** Which budget of open suggestions an update would pass. */
export type TSuggestionBudget = "openPerAuthor" | "insertPerAuthor" | "insertTotal";

const BUDGET_PROBLEMS: Record<TSuggestionBudget, string> = {
  openPerAuthor: `one person may have at most ${SUGGESTION_LIMITS.maxOpenPerAuthor} open suggestions on a document`,
  insertPerAuthor: `one person's open suggestions may insert at most ${SUGGESTION_LIMITS.maxInsertPerAuthor} characters`,
  insertTotal: `open suggestions may insert at most ${SUGGESTION_LIMITS.maxInsertTotal} characters on a document`,
};

/**
 * Which budget the open suggestions would pass once `added` are added and
 * `withdrawn` (ids) withdrawn, or null: what one person may have open, and
 * all together. The server checks it; a client checks it before sending.
 */
export function suggestionBudgetPassed(
  suggestions: Y.Map<unknown>,
  added: readonly TSuggestion[],
  withdrawn: ReadonlySet<string>,
  authorId: string,
): TSuggestionBudget | null {
  let ownCount = 0;
  let ownInsert = 0;
  let totalInsert = 0;
  const count = (suggestion: TSuggestion) => {
    totalInsert += suggestion.insert.length;
    if (suggestion.authorId !== authorId) return;
    ownCount++;
    ownInsert += suggestion.insert.length;
  };
  for (const value of suggestions.values()) {
    const suggestion = readSuggestion(value);
    if (suggestion && !withdrawn.has(suggestion.id)) count(suggestion);
  }
  for (const suggestion of added) count(suggestion);
  if (ownCount > SUGGESTION_LIMITS.maxOpenPerAuthor) return "openPerAuthor";
  if (ownInsert > SUGGESTION_LIMITS.maxInsertPerAuthor) return "insertPerAuthor";
  if (totalInsert > SUGGESTION_LIMITS.maxInsertTotal) return "insertTotal";
  return null;
}
