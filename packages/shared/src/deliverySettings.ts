import type * as Y from "yjs";
import { DELIVERY_SETTINGS_FIELD } from "./docFields.js";
import { defaultPace, MAX_PACE, MIN_PACE, type TLimit, type TPacePreset } from "./speakingTime.js";

/**
 * How a document is to be delivered: kept in the Y.Doc itself (a Y.Map
 * beside the text, `DELIVERY_SETTINGS_FIELD` in `docFields.ts`), so every co-drafter,
 * the delivery view and the server see a change at once and offline edits
 * merge like text. Plain values only; `readDeliverySettings` fills gaps and
 * clamps, so a missing or hand-crafted entry never breaks a reader.
 */
export interface TDeliverySettings {
  /** BCP 47 tag of the language it is delivered in. */
  language: string;
  /** "custom" when the pace was typed in. */
  pacePreset: TPacePreset | "custom";
  wordsPerMinute: number;
  limit: TLimit;
  /** Word-limit mode: whether the cover page (text before the first horizontal rule) counts. */
  countCoverPage: boolean;
  /** Where and when: e.g. "Human Rights Council, 61st session". */
  forum: string;
  /** The agenda item or article, e.g. "Item 3: promotion and protection of all human rights". */
  agendaItem: string;
}

/** A BCP 47 language tag in its common shape (language, then subtags): "en", "es-419", "zh-Hant". */
export const LANGUAGE_TAG_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** Longest forum or agenda item text kept. */
export const MAX_DELIVERY_TEXT = 300;
/** Longest time limit (seconds) and word limit accepted. */
export const MAX_LIMIT_SECONDS = 60 * 60;
export const MAX_LIMIT_WORDS = 100_000;

export function defaultDeliverySettings(language = "en"): TDeliverySettings {
  return {
    language,
    pacePreset: "interpretation",
    wordsPerMinute: defaultPace(language, "interpretation"),
    limit: { mode: "time", seconds: 90 },
    countCoverPage: false,
    forum: "",
    agendaItem: "",
  };
}

/** Settings from the Y.Map's plain entries, every field checked, defaults for the rest. */
export function readDeliverySettings(entries: ReadonlyMap<string, unknown>): TDeliverySettings {
  const language = text(entries.get("language"), 35) || "en";
  const fallback = defaultDeliverySettings(language);
  const preset = entries.get("pacePreset");
  const pacePreset =
    preset === "natural" || preset === "interpretation" || preset === "custom" ? preset : "interpretation";
  const typed = number(entries.get("wordsPerMinute"), MIN_PACE, MAX_PACE);
  const wordsPerMinute =
    pacePreset === "custom" && typed !== undefined
      ? typed
      : defaultPace(language, pacePreset === "custom" ? "interpretation" : pacePreset);
  const mode = entries.get("limitMode");
  const limit: TLimit =
    mode === "words"
      ? { mode: "words", words: number(entries.get("limitWords"), 1, MAX_LIMIT_WORDS) ?? 2_000 }
      : { mode: "time", seconds: number(entries.get("limitSeconds"), 1, MAX_LIMIT_SECONDS) ?? 90 };
  return {
    ...fallback,
    pacePreset,
    wordsPerMinute,
    limit,
    countCoverPage: entries.get("countCoverPage") === true,
    forum: text(entries.get("forum"), MAX_DELIVERY_TEXT),
    agendaItem: text(entries.get("agendaItem"), MAX_DELIVERY_TEXT),
  };
}

/** A document's delivery settings, from the Y.Map in its Y.Doc. */
export function deliverySettingsOf(doc: Y.Doc): TDeliverySettings {
  return readDeliverySettings(new Map(doc.getMap(DELIVERY_SETTINGS_FIELD).entries()));
}

/** Whether the estimate leaves out the cover page: a word limit that says it does not count. */
export function skipsCoverPage(settings: TDeliverySettings): boolean {
  return settings.limit.mode === "words" && !settings.countCoverPage;
}

/** The Y.Map entries that hold `settings` (the inverse of {@link readDeliverySettings}). */
export function deliverySettingsEntries(
  settings: TDeliverySettings,
): Record<string, string | number | boolean> {
  return {
    language: settings.language,
    pacePreset: settings.pacePreset,
    wordsPerMinute: settings.wordsPerMinute,
    limitMode: settings.limit.mode,
    ...(settings.limit.mode === "time"
      ? { limitSeconds: settings.limit.seconds }
      : { limitWords: settings.limit.words }),
    countCoverPage: settings.countCoverPage,
    forum: settings.forum,
    agendaItem: settings.agendaItem,
  };
}

function text(value: unknown, max: number): string {
  return typeof value === "string" ? value.trim().slice(0, max) : "";
}

function number(value: unknown, min: number, max: number): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  return Math.min(max, Math.max(min, Math.round(value)));
}
