/**
 * How long a text takes to read aloud, and how many words it has: pure
 * functions under `estimateDelivery` (`editor/deliveryEstimate.ts`), which
 * applies a document's delivery settings for the editor's meter, the
 * delivery view and the calls board alike.
 *
 * Words are counted with `Intl.Segmenter`, so languages written without
 * spaces (Chinese, Japanese, Thai) are counted in words, not in
 * characters or in runs between spaces.
 */

/** Pace presets a document can choose. */
export const PACE_PRESETS = ["natural", "interpretation"] as const;
export type TPacePreset = (typeof PACE_PRESETS)[number];

export interface TLanguagePace {
  /** Words per minute at a natural speaking pace. */
  natural: number;
  /** Words per minute that interpreters can follow. */
  interpretation: number;
}

/**
 * Default paces, in words per minute as `Intl.Segmenter` counts them, for
 * the six official languages of the United Nations.
 *
 * English: under interpretation about 100-120 words per minute is the
 * recommended pace and over 140 is fast (guidance UN meetings give to
 * speakers); we take 110 for interpretation and 130 for a natural delivery.
 *
 * Other languages say the same thing in a different number of words, and
 * the same content takes about the same time to read aloud whatever the
 * language (the IReST study timed equated texts read aloud in 17 languages:
 * texts per minute varied least of all its measures; Trauzettel-Klosinski
 * and Dietz, IOVS 53(9), 2012). So each language's pace is English's scaled
 * by the words it needs for the same content, measured with the segmenter
 * on the official texts of Articles 1 and 3 of the Universal Declaration of
 * Human Rights (41 words in English). `speakingTime.test.ts` holds the texts
 * and recomputes every figure. A language not listed uses English's pace;
 * every document can set its own.
 */
export const LANGUAGE_PACES: Readonly<Record<string, TLanguagePace>> = {
  en: { natural: 130, interpretation: 110 },
  es: { natural: 143, interpretation: 121 },
  fr: { natural: 162, interpretation: 137 },
  ar: { natural: 92, interpretation: 78 },
  zh: { natural: 108, interpretation: 91 },
  ru: { natural: 120, interpretation: 102 },
};

/** Slowest and fastest pace a document may set (words per minute). */
export const MIN_PACE = 40;
export const MAX_PACE = 250;

/** The default pace of a language (BCP 47 tag, e.g. "es-419") for a preset. */
export function defaultPace(language: string, preset: TPacePreset = "natural"): number {
  const base = language.toLowerCase().split(/[-_]/)[0] ?? "en";
  return (LANGUAGE_PACES[base] ?? (LANGUAGE_PACES.en as TLanguagePace))[preset];
}

const segmenters = new Map<string, Intl.Segmenter>();

/** One word segmenter per language tag, made once (a malformed tag gets English's). */
export function wordSegmenter(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    let locale = "en";
    try {
      locale = Intl.Segmenter.supportedLocalesOf([language])[0] ?? "en";
    } catch {
      // A malformed tag: count as English does.
    }
    segmenter = new Intl.Segmenter(locale, { granularity: "word" });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** Words in `text` as a reader of `language` counts them (numbers count as words). */
export function countWords(text: string, language = "en"): number {
  let words = 0;
  for (const segment of wordSegmenter(language).segment(text)) {
    if (segment.isWordLike) words++;
  }
  return words;
}

/** What the meter shows for a time limit. */
export interface TTimeEstimate {
  mode: "time";
  words: number;
  /** Estimated reading time at the pace, in seconds (rounded up). */
  seconds: number;
  limitSeconds: number;
  /** Words that still fit in the limit; negative when over. */
  wordsLeft: number;
  over: boolean;
  /** Per paragraph, in document order: its words and seconds. */
  paragraphs: { words: number; seconds: number }[];
}

/** What the meter shows for a word limit (written submissions). */
export interface TWordEstimate {
  mode: "words";
  words: number;
  limitWords: number;
  wordsLeft: number;
  over: boolean;
  /** Reading time at the pace, for reference. */
  seconds: number;
  paragraphs: { words: number; seconds: number }[];
}

export type TLimit = { mode: "time"; seconds: number } | { mode: "words"; words: number };

export interface TEstimateInput {
  /** Paragraphs to be read aloud, stage notes already left out. */
  paragraphs: readonly string[];
  language: string;
  wordsPerMinute: number;
  limit: TLimit;
}

/**
 * Reading time and words of a text against its limit. Reading time is
 * words / pace; a paragraph's own time is its share, so paragraph times add
 * up to the whole (give or take rounding).
 */
export function estimateSpeakingTime(input: TEstimateInput): TTimeEstimate | TWordEstimate {
  const pace = clampPace(input.wordsPerMinute);
  const counts = input.paragraphs.map((text) => countWords(text, input.language));
  const words = counts.reduce((sum, count) => sum + count, 0);
  const secondsFor = (count: number) => Math.ceil((count * 60) / pace);
  const paragraphs = counts.map((count) => ({ words: count, seconds: secondsFor(count) }));
  const seconds = secondsFor(words);
  if (input.limit.mode === "words") {
    const limitWords = Math.max(0, Math.floor(input.limit.words));
    return {
      mode: "words",
      words,
      limitWords,
      wordsLeft: limitWords - words,
      over: words > limitWords,
      seconds,
      paragraphs,
    };
  }
  const limitSeconds = Math.max(0, Math.floor(input.limit.seconds));
  const wordsInLimit = Math.floor((limitSeconds * pace) / 60);
  return {
    mode: "time",
    words,
    seconds,
    limitSeconds,
    wordsLeft: wordsInLimit - words,
    over: seconds > limitSeconds,
    paragraphs,
  };
}

/** A pace within {@link MIN_PACE}..{@link MAX_PACE}; anything else (NaN, 0) becomes the nearest bound. */
export function clampPace(wordsPerMinute: number): number {
  if (!Number.isFinite(wordsPerMinute)) return MIN_PACE;
  return Math.min(MAX_PACE, Math.max(MIN_PACE, Math.round(wordsPerMinute)));
}

/** Seconds as m:ss (`90` → "1:30"; negative values get a minus sign). */
export function formatDuration(totalSeconds: number): string {
  const sign = totalSeconds < 0 ? "-" : "";
  const seconds = Math.abs(Math.round(totalSeconds));
  return `${sign}${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** Common limits at negotiations, in seconds: HRC general debate 1:30, others 2:00, and 3:00. */
export const TIME_LIMIT_PRESETS = [90, 120, 180] as const;
