import * as Y from "yjs";

/**
 * Who wrote what. Every piece of text in a Y.Doc carries the clientID of
 * the Yjs client that inserted it; the `AUTHORS_FIELD` map says whose each
 * clientID is. Self-declared: an editor's client may write any entry, so
 * it shows who a client said it was, not a proof.
 */

export interface TAuthor {
  userId: string;
  name: string;
}

/** A map entry as an author, or null when it is not one. */
export function readAuthor(value: unknown): TAuthor | null {
  if (typeof value !== "object" || value === null) return null;
  const { userId, name } = value as Record<string, unknown>;
  if (typeof userId !== "string" || typeof name !== "string") return null;
  return { userId, name };
}

/** A run of visible text inserted by one client: `offset` and `length` count characters of the Y.XmlText. */
export interface TAuthorRun {
  client: number;
  offset: number;
  length: number;
}

/**
 * The visible text of one Y.XmlText split by the client that inserted it,
 * adjacent runs of the same client merged. Walks the text's items directly
 * (deleted ones and formatting markers take no room), so it costs one pass.
 */
export function textAuthorRuns(text: Y.XmlText): TAuthorRun[] {
  const runs: TAuthorRun[] = [];
  let offset = 0;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const last = runs[runs.length - 1];
    if (last && last.client === item.id.client && last.offset + last.length === offset) {
      last.length += item.length;
    } else {
      runs.push({ client: item.id.client, offset, length: item.length });
    }
    offset += item.length;
  }
  return runs;
}

/** Every Y.XmlText under `fragment`, in document order. */
export function xmlTexts(fragment: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) texts.push(child);
    else if (child instanceof Y.XmlElement) texts.push(...xmlTexts(child));
  }
  return texts;
}
