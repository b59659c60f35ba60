import type { TDocumentKind } from "@caucus/shared";

/**
 * Whether a document shows the speaking-time meter. Interventions and
 * statements are read aloud against a time limit, so they always do (the
 * default limit when none is set is 1:30, the shortest slot at the Human
 * Rights Council). Letters, analyses and notes are read, not spoken: they
 * show it only once someone sets a limit (a word limit for a written
 * submission, most often). An unknown kind (offline, nothing cached)
 * follows the document's own settings.
 */
export function meterShown(kind: TDocumentKind | null, limitSet: boolean): boolean {
  return kind === "intervention" || kind === "statement" || limitSet;
}

/** The limit mode a document starts with when someone first sets one. */
export function defaultLimitMode(kind: TDocumentKind | null): "time" | "words" {
  return kind === "letter" || kind === "analysis" ? "words" : "time";
}
