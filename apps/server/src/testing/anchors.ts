import type { TCommentAnchor } from "@caucus/shared";
import { encodePosition } from "@caucus/shared/editor";
import * as Y from "yjs";

/** An anchor as the editor sends it: two encoded relative positions around "urge delegations" in some text. */
export function sampleAnchor(): TCommentAnchor {
  const doc = new Y.Doc();
  const text = doc.getText("t");
  text.insert(0, "We urge delegations to protect encryption.");
  const encode = (index: number, assoc: number) =>
    encodePosition(Y.createRelativePositionFromTypeIndex(text, index, assoc));
  return { start: encode(3, 0), end: encode(20, -1) };
}
