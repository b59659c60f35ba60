/**
 * How co-drafters see a person: their name, in a colour derived from it.
 * Shared so that the server gives presence avatars exactly the colour the
 * browser gives that person's caret.
 */

const MAX_NAME_LENGTH = 40;

/**
 * Caret colours, each dark enough for white label text (contrast ≥ 4.5:1)
 * and distinct from its neighbours for common colour-vision deficiencies.
 */
export const CARET_PALETTE = [
  "#b42318",
  "#026aa2",
  "#027a48",
  "#6941c6",
  "#b54708",
  "#c11574",
  "#0e7090",
  "#4e5ba6",
] as const;

/** The same name always gets the same colour, on every device (FNV-1a hash). */
export function colorForName(name: string): string {
  let hash = 0x811c9dc5;
  for (const char of name.trim().toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return CARET_PALETTE[(hash >>> 0) % CARET_PALETTE.length] as string;
}

/** Trims and bounds a name for a caret label; empty stays empty. */
export function normalizeName(raw: string): string {
  return raw.replace(/\s+/g, " ").trim().slice(0, MAX_NAME_LENGTH);
}

/** The name shown for an account: its name, or its email when the name is empty. */
export function displayName(account: { name: string; email: string }): string {
  return normalizeName(account.name) || account.email;
}
