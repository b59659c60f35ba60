import { DOCUMENT_FIELD } from "@caucus/shared";
import Collaboration from "@tiptap/extension-collaboration";
import type * as Y from "yjs";

/**
 * Tiptap's Collaboration bound to a document's text: the one place the
 * editor and the delivery view name the Y.XmlFragment they edit, the one
 * the server reads (`documentContent`).
 */
export function documentCollaboration(ydoc: Y.Doc) {
  return Collaboration.configure({ document: ydoc, field: DOCUMENT_FIELD });
}
