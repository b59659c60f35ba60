import type * as Y from "yjs";
import type { TCallEstimate } from "../calls.js";
import { deliverySettingsOf } from "../deliverySettings.js";
import { callEstimate, estimateDelivery } from "./deliveryEstimate.js";
import { documentContent } from "./documentContent.js";

/**
 * A draft's speaking time from its Y.Doc, the figure the editor's meter
 * shows: its text under the delivery settings stored in the same Y.Doc
 * ({@link estimateDelivery}). The server uses it for the calls board, on a
 * loaded room or a stored state.
 */
export function estimateDraft(doc: Y.Doc): TCallEstimate {
  return callEstimate(estimateDelivery(documentContent(doc), deliverySettingsOf(doc)));
}
