import { describe, expect, it } from "vitest";
import {
  clampPace,
  countWords,
  defaultPace,
  estimateSpeakingTime,
  formatDuration,
  LANGUAGE_PACES,
  MAX_PACE,
  MIN_PACE,
} from "./speakingTime.js";

/** Articles 1 and 3 of the Universal Declaration of Human Rights, official texts. */
const UDHR: Record<string, string> = {
  en: "All human beings are born free and equal in dignity and rights. They are endowed with reason and conscience and should act towards one another in a spirit of brotherhood. Everyone has the right to life, liberty and security of person.",
  es: "Todos los seres humanos nacen libres e iguales en dignidad y derechos y, dotados como están de razón y conciencia, deben comportarse fraternalmente los unos con los otros. Todo individuo tiene derecho a la vida, a la libertad y a la seguridad de su persona.",
  fr: "Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont doués de raison et de conscience et doivent agir les uns envers les autres dans un esprit de fraternité. Tout individu a droit à la vie, à la liberté et à la sûreté de sa personne.",
  ar: "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميرًا وعليهم أن يعامل بعضهم بعضًا بروح الإخاء. لكل فرد الحق في الحياة والحرية وفي الأمان على شخصه.",
  zh: "人人生而自由,在尊严和权利上一律平等。他们赋有理性和良心,并应以兄弟关系的精神相对待。人人有权享有生命、自由和人身安全。",
  ru: "Все люди рождаются свободными и равными в своем достоинстве и правах. Они наделены разумом и совестью и должны поступать в отношении друг друга в духе братства. Каждый человек имеет право на жизнь, на свободу и на личную неприкосновенность.",
};

describe("countWords", () => {
  // Counted by hand: a hyphenated compound is two words ("2,000" and "word"),
  // a number one; Arabic attaches articles and prepositions (بالعمل is one
  // word); Chinese is 主席/女士/民间/社会/呼吁/立即/采取/行动.
  it.each([
    ["en", "Madam Chair, distinguished delegates:", 4],
    ["en", "We call on the Council to act — now.", 8],
    ["en", "The 2,000-word limit applies to the 47th session.", 9],
    ["es", "Señora Presidenta, la sociedad civil pide que se actúe ya.", 10],
    ["fr", "Madame la Présidente, l'article 19 garantit la liberté d'expression.", 9],
    ["ar", "السيدة الرئيسة، إن المجتمع المدني يطالب بالعمل الآن.", 8],
    ["zh", "主席女士,民间社会呼吁立即采取行动。", 8],
  ])("counts %s words in %s as %i", (language, text, words) => {
    expect(countWords(text, language)).toBe(words);
  });

  it("counts Chinese by words, not characters or space-separated runs", () => {
    const text = "人人有权享有生命、自由和人身安全。";
    const words = countWords(text, "zh");
    expect(words).toBeGreaterThan(1);
    expect(words).toBeLessThan([...text].length);
  });

  it("counts nothing in empty or punctuation-only text", () => {
    expect(countWords("", "en")).toBe(0);
    expect(countWords(" \n\t — … !? ", "en")).toBe(0);
  });

  it("falls back to English rules for an unknown or malformed language tag", () => {
    expect(countWords("three plain words", "xx-not-a-tag!!")).toBe(3);
  });
});

describe("default paces", () => {
  it("scale English's by the words each language needs for the same UDHR articles", () => {
    const english = countWords(UDHR.en as string, "en");
    expect(english).toBe(41);
    for (const [language, text] of Object.entries(UDHR)) {
      const ratio = countWords(text, language) / english;
      const pace = LANGUAGE_PACES[language];
      expect(pace?.natural, language).toBe(Math.round(130 * ratio));
      expect(pace?.interpretation, language).toBe(Math.round(110 * ratio));
    }
  });

  it("keeps English's interpretation pace within the recommended 100-120 words per minute", () => {
    expect(defaultPace("en", "interpretation")).toBeGreaterThanOrEqual(100);
    expect(defaultPace("en", "interpretation")).toBeLessThanOrEqual(120);
    expect(defaultPace("en-GB", "natural")).toBeLessThanOrEqual(140);
  });

  it("reads regional tags by their language, and anything unknown as English", () => {
    expect(defaultPace("es-419")).toBe(LANGUAGE_PACES.es?.natural);
    expect(defaultPace("zh_Hans_CN", "interpretation")).toBe(LANGUAGE_PACES.zh?.interpretation);
    expect(defaultPace("sw")).toBe(LANGUAGE_PACES.en?.natural);
    expect(defaultPace("")).toBe(LANGUAGE_PACES.en?.natural);
  });
});

describe("estimateSpeakingTime", () => {
  const at120 = (paragraphs: string[], seconds = 90) =>
    estimateSpeakingTime({
      paragraphs,
      language: "en",
      wordsPerMinute: 120,
      limit: { mode: "time", seconds },
    });

  it("gives zero for an empty text, with the whole limit left", () => {
    const estimate = at120([]);
    expect(estimate).toMatchObject({ words: 0, seconds: 0, wordsLeft: 180, over: false });
    expect(at120([""]).paragraphs).toEqual([{ words: 0, seconds: 0 }]);
  });

  it("rounds one word up to a whole second", () => {
    expect(at120(["Thank you."])).toMatchObject({ words: 2, seconds: 1, over: false });
    expect(at120(["Thanks."])).toMatchObject({ words: 1, seconds: 1, wordsLeft: 179 });
  });

  it("turns over only past the limit: exactly at it is not over", () => {
    const words = (n: number) => Array.from({ length: n }, () => "word").join(" ");
    expect(at120([words(180)])).toMatchObject({ seconds: 90, wordsLeft: 0, over: false });
    expect(at120([words(181)])).toMatchObject({ seconds: 91, wordsLeft: -1, over: true });
  });

  it("times each paragraph so the team sees what to cut", () => {
    const estimate = at120(["One two three four five six.", "Seven eight.", ""]);
    expect(estimate.paragraphs).toEqual([
      { words: 6, seconds: 3 },
      { words: 2, seconds: 1 },
      { words: 0, seconds: 0 },
    ]);
    expect(estimate.words).toBe(8);
    expect(estimate.seconds).toBe(4);
  });

  it("handles a 10,000-word text", () => {
    const paragraph = "We urge the Council to adopt the resolution without delay.";
    const paragraphs = Array.from({ length: 1_000 }, () => paragraph);
    const estimate = at120(paragraphs, 120);
    expect(estimate.words).toBe(10_000);
    expect(estimate.seconds).toBe(5_000);
    expect(formatDuration(estimate.seconds)).toBe("83:20");
    expect(estimate).toMatchObject({ over: true, wordsLeft: 240 - 10_000 });
  });

  it("estimates by each language's own words and pace", () => {
    for (const [language, text] of Object.entries(UDHR)) {
      const estimate = estimateSpeakingTime({
        paragraphs: [text],
        language,
        wordsPerMinute: defaultPace(language, "interpretation"),
        limit: { mode: "time", seconds: 90 },
      });
      // The same articles take about the same time in every language (22 s in English at 110).
      expect(estimate.seconds, language).toBeGreaterThanOrEqual(22);
      expect(estimate.seconds, language).toBeLessThanOrEqual(24);
    }
  });

  it("counts against a word limit for written submissions", () => {
    const estimate = estimateSpeakingTime({
      paragraphs: ["one two three", "four five"],
      language: "en",
      wordsPerMinute: 120,
      limit: { mode: "words", words: 4 },
    });
    expect(estimate).toMatchObject({ mode: "words", words: 5, limitWords: 4, wordsLeft: -1, over: true });
  });

  it("keeps a pace out of range, or not a number, within bounds", () => {
    expect(clampPace(0)).toBe(MIN_PACE);
    expect(clampPace(Number.NaN)).toBe(MIN_PACE);
    expect(clampPace(10_000)).toBe(MAX_PACE);
    expect(clampPace(119.6)).toBe(120);
    const estimate = estimateSpeakingTime({
      paragraphs: ["a b c d"],
      language: "en",
      wordsPerMinute: 0,
      limit: { mode: "time", seconds: 90 },
    });
    expect(estimate.seconds).toBe(6);
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0:00"],
    [9, "0:09"],
    [90, "1:30"],
    [120, "2:00"],
    [3_601, "60:01"],
    [-15, "-0:15"],
  ])("formats %i s as %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
