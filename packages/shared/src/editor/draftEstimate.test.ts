import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { defaultDeliverySettings } from "../deliverySettings.js";
import { DELIVERY_SETTINGS_FIELD } from "../docFields.js";
import { estimateDraft } from "./draftEstimate.js";
import { initialDocumentState } from "./initialState.js";
import { interventionTemplate } from "./templates.js";

function draft(paragraphs: string[], limitSeconds = 60, language = "en"): Y.Doc {
  const doc = new Y.Doc();
  const content = {
    type: "doc",
    content: paragraphs.map((text) => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] })),
  };
  const settings = {
    ...defaultDeliverySettings(language),
    limit: { mode: "time" as const, seconds: limitSeconds },
  };
  Y.applyUpdate(doc, initialDocumentState(content, settings));
  return doc;
}

describe("estimateDraft", () => {
  it("reads the text and the delivery settings of a Y.Doc as the editor's meter does", () => {
    // 110 words at English's interpretation pace (110 wpm) is one minute.
    const doc = draft([Array.from({ length: 110 }, () => "word").join(" ")], 60);
    expect(estimateDraft(doc)).toEqual({
      mode: "time",
      words: 110,
      seconds: 60,
      limitSeconds: 60,
      limitWords: null,
      over: false,
    });
  });

  it("turns over once the text runs past its limit", () => {
    const doc = draft([Array.from({ length: 111 }, () => "word").join(" ")], 60);
    expect(estimateDraft(doc)).toMatchObject({ words: 111, seconds: 61, over: true });
  });

  it("leaves stage notes out: the template alone is only the address and the closing", () => {
    const doc = new Y.Doc();
    const settings = { ...defaultDeliverySettings("en"), limit: { mode: "time" as const, seconds: 90 } };
    const content = interventionTemplate({ language: "en", forum: "HRC 61", agendaItem: "Item 3" });
    Y.applyUpdate(doc, initialDocumentState(content, settings));
    // "Thank you, Chair." and "Thank you.": five words.
    expect(estimateDraft(doc)).toMatchObject({ words: 5, seconds: 3, limitSeconds: 90, over: false });
  });

  it("follows a change of the limit or of the text made later", () => {
    const doc = draft(["one two three"], 60);
    doc.getMap(DELIVERY_SETTINGS_FIELD).set("limitSeconds", 1);
    expect(estimateDraft(doc)).toMatchObject({ limitSeconds: 1, seconds: 2, over: true });
    doc.getMap(DELIVERY_SETTINGS_FIELD).set("limitMode", "words");
    doc.getMap(DELIVERY_SETTINGS_FIELD).set("limitWords", 2);
    expect(estimateDraft(doc)).toMatchObject({
      mode: "words",
      limitWords: 2,
      limitSeconds: null,
      over: true,
    });
  });

  it("gives an empty estimate for a document nobody has written in", () => {
    expect(estimateDraft(new Y.Doc())).toEqual({
      mode: "time",
      words: 0,
      seconds: 0,
      limitSeconds: 90,
      limitWords: null,
      over: false,
    });
  });
});
