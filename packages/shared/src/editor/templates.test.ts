import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { defaultDeliverySettings, deliverySettingsOf } from "../deliverySettings.js";
import { ZCreateDocument } from "../schemas.js";
import { documentContent } from "./documentContent.js";
import { initialDocumentState } from "./initialState.js";
import { readAloudParagraphs } from "./readAloud.js";
import { interventionTemplate } from "./templates.js";

describe("interventionTemplate", () => {
  it("addresses the chair, leaves the body as a stage note and closes, in the delivery language", () => {
    const doc = interventionTemplate({ language: "es-419", forum: "", agendaItem: "" });
    expect(readAloudParagraphs(doc)).toEqual(["Gracias, Presidencia.", "", "Gracias."]);
    const french = interventionTemplate({ language: "fr", forum: "", agendaItem: "" });
    expect(readAloudParagraphs(french)[2]).toBe("Je vous remercie.");
  });

  it("has its own wording in each of the six UN languages", () => {
    const openings = ["ar", "zh", "en", "fr", "ru", "es"].map(
      (language) => readAloudParagraphs(interventionTemplate({ language, forum: "", agendaItem: "" }))[0],
    );
    expect(new Set(openings).size).toBe(6);
    expect(
      readAloudParagraphs(interventionTemplate({ language: "ar-EG", forum: "", agendaItem: "" })),
    ).toEqual(["شكرًا، السيدة الرئيسة، السيد الرئيس.", "", "شكرًا لكم."]);
  });

  it("falls back to English for a language it has no wording for", () => {
    const doc = interventionTemplate({ language: "sw", forum: "", agendaItem: "" });
    expect(readAloudParagraphs(doc)).toEqual(["Thank you, Chair.", "", "Thank you."]);
  });

  it("names forum and agenda item in a stage note, which is not read aloud", () => {
    const doc = interventionTemplate({ language: "en", forum: "HRC 61", agendaItem: "Item 3" });
    expect(doc.content?.[0]?.content?.[0]).toMatchObject({ text: "HRC 61 — Item 3" });
    expect(readAloudParagraphs(doc)[0]).toBe("");
  });
});

describe("initialDocumentState", () => {
  it("holds the text with its stage notes and the delivery settings, as a Y.Doc reads them", () => {
    const settings = { ...defaultDeliverySettings("fr"), limit: { mode: "time" as const, seconds: 120 } };
    const content = interventionTemplate({ language: "fr", forum: "CCPCJ", agendaItem: "Article 17" });
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, initialDocumentState(content, { ...settings, forum: "CCPCJ" }));

    const json = documentContent(ydoc);
    // The same paragraphs, and the stage notes kept as stage notes (y-prosemirror adds empty attrs).
    const texts = (doc: typeof content) => (doc.content ?? []).map((block) => block.content?.[0]?.text);
    expect(texts(json)).toEqual(texts(content));
    expect(readAloudParagraphs(json)).toEqual([
      "",
      "Merci, Madame la Présidente, Monsieur le Président.",
      "",
      "Je vous remercie.",
    ]);
    const read = deliverySettingsOf(ydoc);
    expect(read).toMatchObject({ language: "fr", limit: { mode: "time", seconds: 120 }, forum: "CCPCJ" });
  });
});

describe("ZCreateDocument with intervention details", () => {
  const intervention = { language: "es", limitSeconds: 90, forum: " HRC ", agendaItem: "Item 4" };

  it("accepts them for an intervention, trimmed", () => {
    const parsed = ZCreateDocument.parse({ title: "Item 4", kind: "intervention", intervention });
    expect(parsed.intervention).toEqual({ ...intervention, forum: "HRC" });
  });

  it("refuses them for another kind, a malformed language tag or a limit out of range", () => {
    expect(ZCreateDocument.safeParse({ title: "x", kind: "notes", intervention }).success).toBe(false);
    const with_ = (change: object) =>
      ZCreateDocument.safeParse({
        title: "x",
        kind: "intervention",
        intervention: { ...intervention, ...change },
      });
    expect(with_({ language: "not a tag" }).success).toBe(false);
    expect(with_({ limitSeconds: 0 }).success).toBe(false);
    expect(with_({ limitSeconds: 3601 }).success).toBe(false);
    expect(with_({ language: "zh-Hant" }).success).toBe(true);
  });
});
