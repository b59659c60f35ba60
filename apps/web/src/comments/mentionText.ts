import { MENTION_PATTERN, type TCommentPerson } from "@caucus/shared";

/**
 * A comment as typed shows mentions as "@Name"; as stored, as "<@userId>".
 * These convert between the two for the people picked from the suggestions.
 */

/** The "@query" being typed just before the caret, or null. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@<>]{0,40})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - (match[2] ?? "").length - 1, query: match[2] ?? "" };
}

/** The typed text with each picked person's "@Name" written as "<@userId>". */
export function toStoredBody(typed: string, picked: readonly TCommentPerson[]): string {
  let body = typed;
  // Longest names first, so "@Ana María" is not taken for "@Ana".
  for (const person of [...picked].sort((a, b) => b.name.length - a.name.length)) {
    body = body.split(`@${person.name}`).join(`<@${person.id}>`);
  }
  return body.trim();
}

/** A stored body as the composer shows it, for editing; unknown mentions stay as stored. */
export function toTypedBody(body: string, mentions: readonly TCommentPerson[]): string {
  return body.replace(MENTION_PATTERN, (whole, id: string) => {
    const person = mentions.find((m) => m.id === id);
    return person ? `@${person.name}` : whole;
  });
}

/** A stored body cut into text and mentions, to render. */
export function bodyParts(
  body: string,
  mentions: readonly TCommentPerson[],
): ({ text: string } | { person: TCommentPerson })[] {
  const parts: ({ text: string } | { person: TCommentPerson })[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION_PATTERN)) {
    const person = mentions.find((m) => m.id === match[1]);
    if (!person) continue;
    if (match.index > last) parts.push({ text: body.slice(last, match.index) });
    parts.push({ person });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}
