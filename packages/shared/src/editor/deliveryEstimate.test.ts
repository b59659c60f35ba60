import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { defaultDeliverySettings, type TDeliverySettings } from "../deliverySettings.js";
import { callEstimate, estimateDelivery } from "./deliveryEstimate.js";
import { STAGE_NOTE_MARK } from "./readAloud.js";

const paragraph = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });

/** A cover page of three words, a rule, then the statement: four words and a stage note. */
const TEXT: JSONContent = {
  type: "doc",
  content: [
    paragraph("Statement of Chile"),
    { type: "horizontalRule" },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Thank you, Madam Chair. " },
        { type: "text", text: "(pause here)", marks: [{ type: STAGE_NOTE_MARK }] },
      ],
    },
  ],
};

const settings = (changes: Partial<TDeliverySettings>): TDeliverySettings => ({
  ...defaultDeliverySettings("en"),
  wordsPerMinute: 60,
  pacePreset: "custom",
  ...changes,
});

describe("estimateDelivery", () => {
  it("reads every paragraph but stage notes at the settings' pace, against a time limit", () => {
    const estimate = estimateDelivery(TEXT, settings({ limit: { mode: "time", seconds: 5 } }));
    expect(estimate).toMatchObject({ mode: "time", words: 7, seconds: 7, limitSeconds: 5, over: true });
    expect(estimate.paragraphs.map((p) => p.words)).toEqual([3, 4]);
  });

  it("leaves out the cover page under a word limit that says it does not count", () => {
    const limit = { mode: "words" as const, words: 5 };
    expect(estimateDelivery(TEXT, settings({ limit }))).toMatchObject({ words: 4, over: false });
    expect(estimateDelivery(TEXT, settings({ limit, countCoverPage: true }))).toMatchObject({
      words: 7,
      over: true,
    });
  });

  it("counts the cover page when asked to, for the figure of every paragraph on screen", () => {
    const estimate = estimateDelivery(TEXT, settings({ limit: { mode: "words", words: 5 } }), {
      coverPage: true,
    });
    expect(estimate.paragraphs.map((p) => p.seconds)).toEqual([3, 4]);
  });
});

describe("callEstimate", () => {
  it("keeps the totals and the limit of its mode", () => {
    expect(callEstimate(estimateDelivery(TEXT, settings({ limit: { mode: "time", seconds: 90 } })))).toEqual({
      mode: "time",
      words: 7,
      seconds: 7,
      limitSeconds: 90,
      limitWords: null,
      over: false,
    });
    expect(callEstimate(estimateDelivery(TEXT, settings({ limit: { mode: "words", words: 2 } })))).toEqual({
      mode: "words",
      words: 4,
      seconds: 4,
      limitSeconds: null,
      limitWords: 2,
      over: true,
    });
  });
});
