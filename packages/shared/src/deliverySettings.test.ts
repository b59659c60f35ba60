import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  defaultDeliverySettings,
  deliverySettingsEntries,
  deliverySettingsOf,
  MAX_DELIVERY_TEXT,
  MAX_LIMIT_SECONDS,
  readDeliverySettings,
  skipsCoverPage,
} from "./deliverySettings.js";
import { DELIVERY_SETTINGS_FIELD } from "./docFields.js";
import { defaultPace, MAX_PACE } from "./speakingTime.js";

describe("delivery settings", () => {
  it("default to 1:30 at the language's interpretation pace", () => {
    expect(readDeliverySettings(new Map())).toEqual(defaultDeliverySettings("en"));
    expect(readDeliverySettings(new Map([["language", "ar"]]))).toMatchObject({
      language: "ar",
      wordsPerMinute: defaultPace("ar", "interpretation"),
      limit: { mode: "time", seconds: 90 },
    });
  });

  it("round-trip through the Y.Map's entries", () => {
    const settings = {
      ...defaultDeliverySettings("es"),
      pacePreset: "custom" as const,
      wordsPerMinute: 105,
      limit: { mode: "words" as const, words: 2_000 },
      countCoverPage: true,
      forum: "Human Rights Council, 61st session",
      agendaItem: "Item 4",
    };
    const entries = new Map(Object.entries(deliverySettingsEntries(settings)));
    expect(readDeliverySettings(entries)).toEqual(settings);
  });

  it("take a preset's pace from the language, not from a stale typed pace", () => {
    const entries = new Map<string, unknown>([
      ["language", "fr"],
      ["pacePreset", "natural"],
      ["wordsPerMinute", 200],
    ]);
    expect(readDeliverySettings(entries).wordsPerMinute).toBe(defaultPace("fr", "natural"));
  });

  it("clamp and ignore what does not fit", () => {
    const entries = new Map<string, unknown>([
      ["pacePreset", "custom"],
      ["wordsPerMinute", 9_999],
      ["limitMode", "time"],
      ["limitSeconds", 10 * MAX_LIMIT_SECONDS],
      ["forum", "x".repeat(MAX_DELIVERY_TEXT + 50)],
      ["agendaItem", { not: "text" }],
      ["countCoverPage", "yes"],
    ]);
    const settings = readDeliverySettings(entries);
    expect(settings.wordsPerMinute).toBe(MAX_PACE);
    expect(settings.limit).toEqual({ mode: "time", seconds: MAX_LIMIT_SECONDS });
    expect(settings.forum).toHaveLength(MAX_DELIVERY_TEXT);
    expect(settings.agendaItem).toBe("");
    expect(settings.countCoverPage).toBe(false);
  });

  it("are read from a document's Y.Doc, with defaults for what it lacks", () => {
    const doc = new Y.Doc();
    expect(deliverySettingsOf(doc)).toEqual(defaultDeliverySettings("en"));
    const settings = { ...defaultDeliverySettings("es"), forum: "HRC 61" };
    for (const [key, value] of Object.entries(deliverySettingsEntries(settings))) {
      doc.getMap(DELIVERY_SETTINGS_FIELD).set(key, value);
    }
    expect(deliverySettingsOf(doc)).toEqual(settings);
  });

  it("leave out the cover page only under a word limit that says it does not count", () => {
    const base = defaultDeliverySettings("en");
    const words = { mode: "words" as const, words: 500 };
    expect(skipsCoverPage(base)).toBe(false);
    expect(skipsCoverPage({ ...base, limit: words })).toBe(true);
    expect(skipsCoverPage({ ...base, limit: words, countCoverPage: true })).toBe(false);
  });
});
