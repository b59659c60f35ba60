import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { documentAction, openDocument, saveState, typeAtEnd, useBrowser } from "../support/browser.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();

/** Ten words, as Intl.Segmenter counts them. */
const SENTENCE = " We urge all States to protect defenders from reprisals today.";

const meter = (page: Page) => page.getByTestId("speaking-meter");
const words = async (page: Page) => Number(await meter(page).getAttribute("data-words"));
const over = (page: Page) => meter(page).getAttribute("data-over");
const warning = (page: Page) => page.getByTestId("speaking-warning").textContent();

/** Clicks the toolbar's stage-note button and waits until the editor has focus back, as a person would. */
async function toggleStageNote(page: Page): Promise<void> {
  await page.getByTestId("stage-note-toggle").click();
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.classList.contains("ProseMirror")), {
      timeout: 5_000,
    })
    .toBe(true);
}

describe("the speaking-time meter", () => {
  it("creates an intervention from the template, leaves stage notes out, and warns past 1:30", async () => {
    const server = await servers.start();
    const page = await person(server, "Coordinator");
    await page.goto("/");

    // The form asks an intervention for its forum, agenda item, time limit and language.
    await page.getByTestId("new-document-title").fill("Item 4 general debate");
    await page.getByTestId("new-document-kind").selectOption("intervention");
    await page.getByTestId("new-intervention-forum").fill("HRC 61");
    await page.getByTestId("new-intervention-agenda-item").fill("Item 4");
    await page.getByTestId("new-intervention-time-limit").selectOption("90");
    await page.getByTestId("new-intervention-language").selectOption("es");
    await page.getByTestId("create-document").click();
    await page.waitForURL(/\/d\/[^/]+$/, { timeout: 15_000 });
    const id = decodeURIComponent(new URL(page.url()).pathname.slice("/d/".length));
    await page.locator(".ProseMirror").waitFor({ state: "visible" });
    await expect.poll(() => saveState(page), { timeout: 20_000 }).toBe("saved");

    // The Spanish template: forum line and body are stage notes, so only address and closing count.
    await expect
      .poll(() => page.locator(".ProseMirror p").allInnerTexts(), { timeout: 15_000 })
      .toEqual([
        expect.stringContaining("HRC 61 — Item 4"),
        "Gracias, Presidencia.",
        expect.stringContaining("En nombre de quién hablamos"),
        "Gracias.",
      ]);
    expect(await page.locator(".ProseMirror .stage-note").count()).toBe(2);
    await expect.poll(() => words(page), { timeout: 10_000 }).toBe(3);
    expect(await page.getByTestId("speaking-time").textContent()).toMatch(/ of 1:30$/);
    expect(await over(page)).toBe("false");
    expect(await warning(page)).toBe("");

    // A stage note typed from the toolbar is shown as one and not counted; the word after it is.
    await typeAtEnd(page, "");
    await page.keyboard.press("Enter");
    await toggleStageNote(page);
    await page.keyboard.type("not read aloud at all");
    await toggleStageNote(page);
    await page.keyboard.type(" Read.");
    await expect.poll(() => words(page), { timeout: 10_000 }).toBe(4);
    expect(await page.locator(".ProseMirror .stage-note").last().textContent()).toBe("not read aloud at all");

    // At the Spanish pace for interpretation (121 words a minute), 174 words take 1:27: still within 1:30.
    // Each sentence goes in as one input (as a paste or a dictation would): typing 1,000 keys one by one
    // took 30 s of a shared machine, and the meter's counting is what this test is about.
    for (let i = 0; i < 17; i++) await page.keyboard.insertText(SENTENCE);
    await expect.poll(() => words(page), { timeout: 10_000 }).toBe(174);
    expect(await over(page)).toBe("false");
    expect(await warning(page)).toBe("");
    expect(await page.getByTestId("speaking-time").textContent()).toBe("1:27 of 1:30");

    // Ten words more (1:32), typed key by key: the meter turns to a warning, in words as well as colour.
    await page.keyboard.type(SENTENCE);
    await expect.poll(() => words(page), { timeout: 10_000 }).toBe(184);
    expect(await over(page)).toBe("true");
    expect(await warning(page)).toContain("Over the time limit by 0:02");
    expect(await page.getByTestId("speaking-warning").getAttribute("role")).toBe("status");
    // Each paragraph with words shows its own time (the last: 181 words, 1:30); the stage-note body shows none.
    const badges = await page
      .locator(".ProseMirror p")
      .evaluateAll((paragraphs) => paragraphs.map((p) => p.getAttribute("data-speaking-time")));
    expect(badges).toEqual([null, "0:01", null, "0:01", "1:30"]);

    // A reader sees the same meter live, and the settings, but cannot change them.
    const reader = await person(server, "Observer", { role: "viewer" });
    await openDocument(reader, id);
    await expect.poll(() => over(reader), { timeout: 15_000 }).toBe("true");
    await documentAction(reader, "delivery-settings-open");
    expect(await reader.getByTestId("delivery-language").isDisabled()).toBe(true);
    expect(await reader.getByTestId("delivery-save").count()).toBe(0);
    await reader.keyboard.press("Escape");

    // The coordinator raises the limit to 2:00: both meters follow at once.
    await documentAction(page, "delivery-settings-open");
    await page.getByTestId("delivery-time-limit").selectOption("120");
    await page.getByTestId("delivery-save").click();
    await expect.poll(() => over(page), { timeout: 10_000 }).toBe("false");
    await expect.poll(() => over(reader), { timeout: 15_000 }).toBe("false");
    expect(await reader.getByTestId("speaking-time").textContent()).toBe("1:32 of 2:00");
    expect(await warning(reader)).toBe("");

    // Typing over the template's placeholder (a whole stage note) writes speech, which the meter counts.
    const stageNotes = await page.locator(".ProseMirror .stage-note").count();
    await page.locator(".ProseMirror p", { hasText: "En nombre de quién hablamos" }).click({ clickCount: 3 });
    await page.keyboard.type("Hablamos hoy");
    await expect.poll(() => words(page), { timeout: 10_000 }).toBe(186);
    expect(await page.locator(".ProseMirror .stage-note").count()).toBe(stageNotes - 1);
    expect(await page.locator(".ProseMirror p").nth(2).textContent()).toBe("Hablamos hoy");
  });
});
