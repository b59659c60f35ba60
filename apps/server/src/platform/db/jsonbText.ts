/**
 * A backslash escape of a UTF-16 surrogate, after an even run of
 * backslashes (so `\\ud800`, a typed backslash, is left alone).
 */
const SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2})/gi;

/**
 * JSON text for a jsonb column. `JSON.stringify` writes a lone surrogate
 * (half of an emoji cut in two, or a client's crafted text) as a `\\udXXX`
 * escape, which PostgreSQL's jsonb refuses, failing the whole statement;
 * paired surrogates are written as the character itself. So every such
 * escape is a lone half, and becomes U+FFFD (the replacement character),
 * as it would in a text column.
 */
export function jsonbText(value: unknown): string {
  return JSON.stringify(value).replace(SURROGATE_ESCAPE, "$1\\ufffd");
}
