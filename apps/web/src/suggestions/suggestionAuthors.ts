import { colorForName } from "@caucus/shared";

/** How a suggestion's author is shown: a name and the colour of their caret. */
export interface TShownAuthor {
  name: string;
  color: string;
}

/** Who wrote a suggestion, by its `authorId`. */
export type TAuthorOf = (authorId: string) => TShownAuthor;

/** Grey for a suggestion whose author is not among the people this reader knows. */
export const UNKNOWN_AUTHOR_COLOR = "#667085";

/**
 * Names suggestion authors from the people the app knows (the workspace's
 * members, and the reader), by `authorId`. A suggestion's own `authorName`
 * is whatever its writer's client put there, so it is never shown: a
 * commenter could sign one "Alice Owner" and have it read, in Alice's
 * colour, as hers. An id nobody known has gets `unknown`, in grey.
 */
export function suggestionAuthors(people: ReadonlyMap<string, string>, unknown: string): TAuthorOf {
  return (authorId) => {
    const name = people.get(authorId);
    return name === undefined
      ? { name: unknown, color: UNKNOWN_AUTHOR_COLOR }
      : { name, color: colorForName(name) };
  };
}
