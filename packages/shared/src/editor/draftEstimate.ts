import type * as Y from "yjs";
import type { TCallEstimate } from "../calls.js";
import { readDeliverySettings } from "../deliverySettings.js";
import { DELIVERY_SETTINGS_FIELD } from "../docFields.js";
import { estimateSpeakingTime } from "../speakingTime.js";
import { documentContent } from "./documentContent.js";
import { readAloudParagraphs } from "./readAloud.js";

/**
 * A draft's speaking time from its Y.Doc, the figure the editor's meter
 * shows: the text's read-aloud paragraphs (stage notes left out, the cover
 * page too in word-limit mode when it does not count) at the pace and
 * against the limit of the delivery settings stored in the same Y.Doc. The
 * server uses it for the calls board, on a loaded room or a stored state.
 */
export function estimateDraft(doc: Y.Doc): TCallEstimate {
  const settings = readDeliverySettings(
    new Map(Object.entries(doc.getMap(DELIVERY_SETTINGS_FIELD).toJSON())),
  );
  const json = documentContent(doc);
  const skipCoverPage = settings.limit.mode === "words" && !settings.countCoverPage;
  const estimate = estimateSpeakingTime({
    paragraphs: readAloudParagraphs(json, { skipCoverPage }),
    language: settings.language,
    wordsPerMinute: settings.wordsPerMinute,
    limit: settings.limit,
  });
  return {
    mode: estimate.mode,
    words: estimate.words,
    seconds: estimate.seconds,
    limitSeconds: estimate.mode === "time" ? estimate.limitSeconds : null,
    limitWords: estimate.mode === "words" ? estimate.limitWords : null,
    over: estimate.over,
  };
}
