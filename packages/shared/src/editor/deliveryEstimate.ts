import type { JSONContent } from "@tiptap/core";
import type { TCallEstimate } from "../calls.js";
import { skipsCoverPage, type TDeliverySettings } from "../deliverySettings.js";
import { estimateSpeakingTime, type TTimeEstimate, type TWordEstimate } from "../speakingTime.js";
import { readAloudParagraphs } from "./readAloud.js";

/** A text's speaking time and words against its limit. */
export type TSpeakingEstimate = TTimeEstimate | TWordEstimate;

/**
 * A text's speaking estimate under its delivery settings: its read-aloud
 * paragraphs (stage notes left out, and the cover page when a word limit
 * says it does not count) at the settings' pace, against their limit. The
 * one function behind the editor's meter, the delivery view and the calls
 * board, so every screen shows the same figure. `coverPage` counts the
 * cover page whatever the settings say, for a per-paragraph figure of
 * every paragraph on screen.
 */
export function estimateDelivery(
  text: JSONContent,
  settings: TDeliverySettings,
  options: { coverPage?: boolean } = {},
): TSpeakingEstimate {
  return estimateSpeakingTime({
    paragraphs: readAloudParagraphs(text, { skipCoverPage: !options.coverPage && skipsCoverPage(settings) }),
    language: settings.language,
    wordsPerMinute: settings.wordsPerMinute,
    limit: settings.limit,
  });
}

/** An estimate as the calls board shows it: the totals, without each paragraph's share. */
export function callEstimate(estimate: TSpeakingEstimate): TCallEstimate {
  return {
    mode: estimate.mode,
    words: estimate.words,
    seconds: estimate.seconds,
    limitSeconds: estimate.mode === "time" ? estimate.limitSeconds : null,
    limitWords: estimate.mode === "words" ? estimate.limitWords : null,
    over: estimate.over,
  };
}
