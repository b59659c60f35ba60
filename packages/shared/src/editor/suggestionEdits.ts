/**
 * What typing in suggesting mode does to the person's own suggestions:
 * given where their open suggestions sit in the text now and the change
 * they tried to make, which suggestion to add and which of theirs it
 * replaces. Pure, on plain positions, so the rules are tested without an
 * editor. Entries cannot be changed in place (a commenter's socket may only
 * add new entries and delete its own), so "extending" one is withdrawing it
 * and adding its successor in one transaction.
 */

/** One of the person's own open suggestions, its anchors resolved to positions in the text now. */
export interface TPlacedSuggestion {
  id: string;
  from: number;
  to: number;
  insert: string;
}

/** What the person tried to do: replace `from`..`to` of the text with `text`. */
export interface TAttemptedEdit {
  from: number;
  to: number;
  text: string;
  /** The caret before the edit when nothing was selected (tells Backspace from Delete); else null. */
  caret: number | null;
}

/** The suggestion to add; `anchorsOf` names a withdrawn one whose anchors it keeps (same range). */
export interface TPlannedSuggestion {
  from: number;
  to: number;
  insert: string;
  anchorsOf: string | null;
}

export interface TSuggestionPlan {
  /** Own suggestions to delete, in the same transaction as the addition. */
  withdraw: string[];
  add: TPlannedSuggestion | null;
  /** Where the caret goes afterwards (the text itself does not change). */
  caret: number;
}

/**
 * Turns an attempted edit into a change of suggestions, or null when it
 * suggests nothing (an empty edit). Rules, for the person's own suggestions:
 * typing where one of them ends extends it (consecutive keys make one
 * suggestion; typing right after one's struck text makes it a replacement);
 * Backspace at the end of one's inserted text shortens it (withdrawing a
 * pure insertion that becomes empty); deleting original text creates a
 * deletion or grows the ones it touches; typing over a selection replaces
 * it, absorbing what it overlaps.
 */
export function planSuggestion(
  own: readonly TPlacedSuggestion[],
  edit: TAttemptedEdit,
): TSuggestionPlan | null {
  const { from, to, text } = edit;
  if (from > to) return null;
  if (text.length > 0 && from === to) return typeAt(own, from, text);
  if (text.length > 0) return replaceRange(own, from, to, text);
  if (from === to) return null;
  const shortened = edit.caret === to ? shortenAt(own, from, to) : null;
  return shortened ?? deleteRange(own, from, to, edit.caret === from);
}

function typeAt(own: readonly TPlacedSuggestion[], at: number, text: string): TSuggestionPlan {
  // Prefer extending inserted text; else a deletion ending here becomes a replacement.
  const ending = own.filter((s) => s.to === at);
  const target = ending.find((s) => s.insert.length > 0) ?? ending[0];
  if (!target) return { withdraw: [], add: { from: at, to: at, insert: text, anchorsOf: null }, caret: at };
  return {
    withdraw: [target.id],
    add: { from: target.from, to: target.to, insert: target.insert + text, anchorsOf: target.id },
    caret: at,
  };
}

function shortenAt(own: readonly TPlacedSuggestion[], from: number, to: number): TSuggestionPlan | null {
  const target = own.find((s) => s.to === to && s.insert.length > 0);
  if (!target) return null;
  // Code points, so an emoji or an accented letter typed as one goes as one.
  const kept = Array.from(target.insert)
    .slice(0, -(to - from))
    .join("");
  if (kept.length === 0 && target.from === target.to) return { withdraw: [target.id], add: null, caret: to };
  return {
    withdraw: [target.id],
    add: { from: target.from, to: target.to, insert: kept, anchorsOf: target.id },
    caret: to,
  };
}

function deleteRange(
  own: readonly TPlacedSuggestion[],
  from: number,
  to: number,
  forward: boolean,
): TSuggestionPlan {
  const touching = own.filter((s) => s.from <= to && s.to >= from).sort((a, b) => a.from - b.from);
  const start = Math.min(from, ...touching.map((s) => s.from));
  const end = Math.max(to, ...touching.map((s) => s.to));
  const caret = forward ? end : start;
  const only = touching.length === 1 ? touching[0] : undefined;
  // Already struck through: nothing new, the caret moves past it.
  if (only && only.from === start && only.to === end) return { withdraw: [], add: null, caret };
  return {
    withdraw: touching.map((s) => s.id),
    add: { from: start, to: end, insert: touching.map((s) => s.insert).join(""), anchorsOf: null },
    caret,
  };
}

function replaceRange(
  own: readonly TPlacedSuggestion[],
  from: number,
  to: number,
  text: string,
): TSuggestionPlan {
  // What the selection covers: overlapping ranges, and insertions strictly inside it.
  const covered = own.filter((s) =>
    s.from === s.to ? s.from > from && s.from < to : s.from < to && s.to > from,
  );
  const start = Math.min(from, ...covered.map((s) => s.from));
  const end = Math.max(to, ...covered.map((s) => s.to));
  return {
    withdraw: covered.map((s) => s.id),
    add: { from: start, to: end, insert: text, anchorsOf: null },
    caret: end,
  };
}
