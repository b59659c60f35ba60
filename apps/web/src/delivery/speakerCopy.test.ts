import { defaultDeliverySettings } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { speakerCopyFileName, speakerCopyText, type TSpeakerCopyLabels } from "./speakerCopy";

const labels: TSpeakerCopyLabels = {
  forum: "Forum",
  agendaItem: "Agenda item",
  limit: (limit) => `Time limit: ${limit}`,
  estimate: (estimate, pace) => `Estimated: ${estimate} at ${pace} words a minute`,
  words: (words) => `${words} words`,
};

describe("the plain-text speaker's copy", () => {
  it("heads the text read aloud with title, forum, agenda item, limit and estimate", () => {
    const settings = {
      ...defaultDeliverySettings("en"),
      forum: "Human Rights Council, 61st session",
      agendaItem: "Item 3",
      limit: { mode: "time" as const, seconds: 90 },
    };
    const text = speakerCopyText(
      {
        title: "Oral statement on Article 5",
        settings,
        seconds: 75,
        words: 137,
        paragraphs: ["Thank you, Chair.", "", "  We urge\tdelegations  to act. ", "مشكرا"],
      },
      labels,
    );
    expect(text).toBe(
      [
        "Oral statement on Article 5",
        "Forum: Human Rights Council, 61st session",
        "Agenda item: Item 3",
        "Time limit: 1:30",
        "Estimated: 1:15 at 110 words a minute",
        "",
        "Thank you, Chair.",
        "",
        "We urge delegations to act.",
        "",
        "مشكرا",
        "",
      ].join("\n"),
    );
  });

  it("leaves out an empty forum and agenda item, and gives a word limit in words", () => {
    const settings = { ...defaultDeliverySettings("en"), limit: { mode: "words" as const, words: 2000 } };
    const text = speakerCopyText(
      { title: "Submission", settings, seconds: 0, words: 0, paragraphs: [] },
      labels,
    );
    expect(text).toBe("Submission\nTime limit: 2000 words\nEstimated: 0:00 at 110 words a minute\n\n\n");
  });
});

describe("the file name", () => {
  it("keeps the title, minus what file systems refuse", () => {
    expect(speakerCopyFileName("Item 4: CSO statement / final?")).toBe("Item 4 CSO statement final.txt");
    expect(speakerCopyFileName("بيان المجتمع المدني")).toBe("بيان المجتمع المدني.txt");
    expect(speakerCopyFileName("  ..//  ")).toBe("speaker-copy.txt");
  });
});
