import { colorForName, displayName } from "@caucus/shared";
import { useSignedInMe } from "./account/meStore";

/** How co-drafters see a person: their account name on their caret, in a colour from it. */
export interface TIdentity {
  name: string;
  color: string;
}

export { CARET_PALETTE, colorForName, normalizeName } from "@caucus/shared";

/** The signed-in person's caret identity, following their account name. */
export function useIdentity(): TIdentity {
  const me = useSignedInMe();
  const name = displayName({ name: me?.user.name ?? "", email: me?.user.email ?? "" });
  return { name, color: colorForName(name) };
}
