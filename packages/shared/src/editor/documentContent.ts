import type { JSONContent } from "@tiptap/core";
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { DOCUMENT_FIELD } from "../docFields.js";

/** A Y.Doc's rich text as editor (ProseMirror) JSON: what exports, estimates and versions read. */
export function documentContent(doc: Y.Doc): JSONContent {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_FIELD));
}
