import { buffer } from "node:stream/consumers";
import { DELIVERY_SETTINGS_FIELD, DOCUMENT_FIELD } from "@caucus/shared";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openDocument, useBrowser } from "../support/browser.js";
import {
  connectClient,
  createDocument,
  type ServerAddress,
  waitForStored,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();

const PARAGRAPHS = 40;
const paragraphText = (n: number) =>
  `Paragraph ${n}. We call on the delegations to keep safeguards for human rights in every article, ` +
  `so that no provision of this convention can be used against journalists or defenders.`;

/**
 * An intervention with a long text, written straight into the document's
 * Y.Doc the way the editor stores it (one XmlElement per paragraph), a
 * stage note in the first paragraph, and delivery settings.
 */
async function seedIntervention(server: ServerAddress): Promise<string> {
  const { id } = await createDocument(server, "Oral statement on Article 5", "intervention");
  const writer = connectClient(server, id, { stored: true });
  try {
    await waitForSynced(writer.provider);
    const fragment = writer.ydoc.getXmlFragment(DOCUMENT_FIELD);
    writer.ydoc.transact(() => {
      const paragraphs = Array.from({ length: PARAGRAPHS }, (_, i) => {
        const element = new Y.XmlElement("paragraph");
        const text = new Y.XmlText();
        // Inserted at 0 in reverse: a type not yet in a document cannot tell its length.
        text.insert(0, paragraphText(i + 1));
        if (i === 0) text.insert(0, "[pause, look at the Chair] ", { stageNote: {} });
        element.insert(0, [text]);
        return element;
      });
      fragment.insert(0, paragraphs);
      const settings = writer.ydoc.getMap(DELIVERY_SETTINGS_FIELD);
      settings.set("forum", "Ad Hoc Committee on Cybercrime, 6th session");
      settings.set("limitMode", "time");
      settings.set("limitSeconds", 120);
    });
    await waitForStored(writer);
  } finally {
    writer.destroy();
  }
  return id;
}

/** The delivery view's paragraphs: text and top edge on screen. */
function paragraphsOnScreen(page: Page): Promise<{ text: string; top: number; changed: boolean }[]> {
  return page.locator(".delivery-text").evaluate((text) =>
    [...text.querySelectorAll("p")].map((p) => ({
      text: p.textContent ?? "",
      top: p.getBoundingClientRect().top,
      changed: p.hasAttribute("data-changed"),
    })),
  );
}

describe("the delivery view", () => {
  it("follows an edit made above the reader without moving what they are reading, and marks it", async () => {
    const server = await servers.shared();
    const id = await seedIntervention(server);
    const drafter = await person(server, "Amina");
    const speaker = await person(server, "Speaker", { role: "viewer" });
    await speaker.setViewportSize({ width: 900, height: 700 });
    await openDocument(drafter, id);

    await speaker.goto(`/d/${id}/deliver`);
    await expect
      .poll(() => speaker.locator(".delivery-text p").count(), { timeout: 20_000 })
      .toBe(PARAGRAPHS);
    await expect.poll(() => speaker.getByTestId("save-status").getAttribute("data-state")).toBe("saved");
    expect(await speaker.getByTestId("delivery-limit").textContent()).toBe("2:00");
    await expect.poll(() => speaker.locator(".delivery__facts").textContent()).toContain("Ad Hoc Committee");
    expect(await speaker.locator(".delivery-text .stage-note").textContent()).toContain(
      "[pause, look at the Chair]",
    );
    // The text that arrived on opening is not news.
    expect(await speaker.locator(".delivery-text [data-changed]").count()).toBe(0);

    // The speaker is halfway down: paragraph 25 at the reading line.
    await speaker
      .locator(".delivery-text p")
      .nth(24)
      .evaluate((p) => {
        const bar = document.querySelector(".delivery__bar")?.getBoundingClientRect().bottom ?? 0;
        const line = bar + (window.innerHeight - bar) / 3;
        window.scrollBy({ top: p.getBoundingClientRect().top - line + 5, behavior: "instant" });
      });
    await expect
      .poll(() => speaker.getByTestId("rehearsal-paragraph").getAttribute("data-paragraph"))
      .toBe("25");
    const before = await paragraphsOnScreen(speaker);
    const reading = before[24];
    const firstVisible = before.find((p) => p.top >= 0);
    if (!reading || !firstVisible) throw new Error("nothing on screen");
    const scrollBefore = await speaker.evaluate(() => window.scrollY);

    // A co-drafter adds two paragraphs after paragraph 3, far above the reader.
    const third = drafter.locator(".ProseMirror p").nth(2);
    await third.click();
    // The end of the paragraph, not of the visual line (End): the caret as a click after its last word puts it.
    await third.evaluate((p) => {
      const range = document.createRange();
      range.selectNodeContents(p);
      range.collapse(false);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    await drafter.keyboard.press("Enter");
    await drafter.keyboard.insertText("Inserted above the reader: we welcome the Chair's revised text.");
    await drafter.keyboard.press("Enter");
    await drafter.keyboard.insertText("A second new paragraph, also above the reader.");

    await expect
      .poll(async () => (await paragraphsOnScreen(speaker)).map((p) => p.text), { timeout: 15_000 })
      .toContain("A second new paragraph, also above the reader.");
    const after = await paragraphsOnScreen(speaker);
    expect(after).toHaveLength(PARAGRAPHS + 2);

    // What the reader was looking at is where it was, though the page above it grew.
    const readingAfter = after.find((p) => p.text === reading.text);
    const firstVisibleAfter = after.find((p) => p.text === firstVisible.text);
    expect(Math.abs((readingAfter?.top ?? Number.NaN) - reading.top)).toBeLessThanOrEqual(3);
    expect(Math.abs((firstVisibleAfter?.top ?? Number.NaN) - firstVisible.top)).toBeLessThanOrEqual(3);
    expect((await speaker.evaluate(() => window.scrollY)) - scrollBefore).toBeGreaterThan(50);
    await expect
      .poll(() => speaker.getByTestId("rehearsal-paragraph").getAttribute("data-paragraph"))
      .toBe("27");

    // The new paragraphs are marked; nothing the co-drafter left alone is.
    const marked = after.filter((p) => p.changed).map((p) => p.text);
    expect(marked).toEqual(
      expect.arrayContaining([
        "Inserted above the reader: we welcome the Chair's revised text.",
        "A second new paragraph, also above the reader.",
      ]),
    );
    expect(marked.filter((text) => /^Paragraph ([4-9]|\d\d)\./.test(text))).toEqual([]);
  });

  it("times a rehearsal from the keyboard and exports the text read aloud", async () => {
    const server = await servers.shared();
    const id = await seedIntervention(server);
    const speaker = await person(server, "Speaker", { role: "viewer" });
    await speaker.goto(`/d/${id}/deliver`);
    await expect
      .poll(() => speaker.locator(".delivery-text p").count(), { timeout: 20_000 })
      .toBe(PARAGRAPHS);

    const timer = speaker.getByTestId("rehearsal-elapsed");
    expect(await timer.getAttribute("data-state")).toBe("paused");
    await speaker.keyboard.press("t");
    await expect.poll(() => timer.getAttribute("data-state")).toBe("running");
    await speaker.keyboard.press("t");
    await expect.poll(() => timer.getAttribute("data-state")).toBe("paused");

    // + makes the type bigger, and the size is remembered on this device.
    const size = () => speaker.locator(".delivery-text").evaluate((e) => getComputedStyle(e).fontSize);
    const initial = await size();
    await speaker.keyboard.press("+");
    await expect.poll(size).not.toBe(initial);
    const bigger = await size();
    await speaker.reload();
    await expect
      .poll(() => speaker.locator(".delivery-text p").count(), { timeout: 20_000 })
      .toBe(PARAGRAPHS);
    expect(await size()).toBe(bigger);

    // Full screen on request, and back.
    const fullScreen = speaker.getByRole("button", { name: "Full screen" });
    await fullScreen.click();
    await expect.poll(() => speaker.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await expect.poll(() => fullScreen.getAttribute("aria-pressed")).toBe("true");
    await fullScreen.click();
    await expect.poll(() => speaker.evaluate(() => document.fullscreenElement !== null)).toBe(false);

    const [download] = await Promise.all([
      speaker.waitForEvent("download"),
      speaker.getByTestId("delivery-download").click(),
    ]);
    expect(download.suggestedFilename()).toBe("Oral statement on Article 5.txt");
    // The shared Chromium is connected remotely: the file is read as a stream, not from its path.
    const text = (await buffer(await download.createReadStream())).toString("utf8");
    expect(
      text.startsWith("Oral statement on Article 5\nForum: Ad Hoc Committee on Cybercrime, 6th session\n"),
    ).toBe(true);
    expect(text).toContain("Time limit: 2:00");
    expect(text).toContain(`\n\n${paragraphText(1)}\n\n${paragraphText(2)}\n`);
    expect(text).not.toContain("[pause");

    // On a phone: no sideways scrolling.
    await speaker.setViewportSize({ width: 360, height: 740 });
    expect(await speaker.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Esc goes back to the document.
    await speaker.keyboard.press("Escape");
    await expect.poll(() => new URL(speaker.url()).pathname).toBe(`/d/${id}`);
  });
});
