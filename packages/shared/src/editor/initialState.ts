import { getSchema, type JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { deliverySettingsEntries, type TDeliverySettings } from "../deliverySettings.js";
import { DELIVERY_SETTINGS_FIELD, DOCUMENT_FIELD } from "../docFields.js";
import { documentExtensions } from "./schema.js";

/**
 * A new document's first Yjs update: its text (editor JSON, written with
 * the document schema exactly as the browser's editor would) and its
 * delivery settings. The server stores it when the document is created, so
 * the template is there before anyone opens it and every co-drafter starts
 * from the same state instead of each writing their own copy.
 */
export function initialDocumentState(content: JSONContent, delivery?: TDeliverySettings): Uint8Array {
  const ydoc = new Y.Doc();
  ydoc.transact(() => {
    prosemirrorJSONToYXmlFragment(
      getSchema(documentExtensions()),
      content,
      ydoc.getXmlFragment(DOCUMENT_FIELD),
    );
    if (delivery) {
      const map = ydoc.getMap(DELIVERY_SETTINGS_FIELD);
      for (const [key, value] of Object.entries(deliverySettingsEntries(delivery))) map.set(key, value);
    }
  });
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return update;
}
