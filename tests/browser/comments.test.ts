import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { editorText, openDocument, selectText, typeAtEnd, useBrowser } from "../support/browser.js";
import { createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();

const SENTENCE = "We urge delegations to protect encryption.";

/** The highlighted (commented) texts in the editor. */
function highlighted(page: Page): Promise<string[]> {
  return page.locator(".ProseMirror .comment-highlight").allInnerTexts();
}

/** The open threads' comments, as the panel shows them. */
function commentsShown(page: Page): Promise<string[]> {
  return page.getByTestId("comments-panel").getByTestId("comment-body").allInnerTexts();
}

describe("comments in two browsers", () => {
  it("one comments on a sentence, the other sees it live, replies, and resolves it after edits around it", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Joint statement on Article 5", "statement");
    const amina = await person(server, "Amina");
    const diego = await person(server, "Diego");
    await openDocument(amina, id);
    await openDocument(diego, id);
    await expect.poll(() => diego.getByTestId("comments-empty").textContent()).toContain("No comments yet");

    await typeAtEnd(amina, `Thank you, Chair. ${SENTENCE} We thank you.`);
    await expect.poll(() => editorText(diego), { timeout: 15_000 }).toContain("We thank you.");

    // Amina starts a comment with the shortcut and changes her mind: Escape
    // closes the composer and puts her back in the text.
    await selectText(amina, SENTENCE);
    await amina.keyboard.press("Control+Alt+KeyM");
    const box = amina.getByTestId("comments-panel").getByTestId("comment-input");
    await box.waitFor({ state: "visible" });
    await amina.keyboard.press("Escape");
    await box.waitFor({ state: "detached" });
    await expect
      .poll(() => amina.evaluate(() => document.activeElement?.classList.contains("ProseMirror") ?? false))
      .toBe(true);

    // Then she comments for real, mentioning Diego.
    await selectText(amina, SENTENCE);
    await amina.keyboard.press("Control+Alt+KeyM");
    await box.fill("Should this say 'call on'? @Die");
    await amina.getByTestId("mention-option").filter({ hasText: "Diego" }).click();
    await amina.getByTestId("comment-submit").click();
    await expect.poll(() => highlighted(amina), { timeout: 15_000 }).toEqual([SENTENCE]);

    // Diego sees the highlighted sentence and the thread, live, with his mention marked.
    await expect.poll(() => highlighted(diego), { timeout: 15_000 }).toEqual([SENTENCE]);
    await expect.poll(() => commentsShown(diego)).toEqual(["Should this say 'call on'? @Diego"]);
    await expect(diego.locator(".mention--me").textContent()).resolves.toBe("@Diego");
    // Its sentence is there: the thread arriving live does not say its text was removed.
    await expect.poll(() => diego.locator(".thread__removed").count(), { timeout: 5_000 }).toBe(0);

    // Diego replies; Amina sees the reply live.
    await diego.getByTestId("comment-reply").click();
    await diego.getByTestId("comments-panel").getByTestId("comment-input").fill("Yes, agreed.");
    await diego.getByTestId("comment-submit").click();
    await expect
      .poll(() => commentsShown(amina), { timeout: 15_000 })
      .toEqual(["Should this say 'call on'? @Diego", "Yes, agreed."]);

    // After a reload too, the thread finds its sentence.
    await amina.reload();
    await expect.poll(() => commentsShown(amina), { timeout: 20_000 }).toHaveLength(2);
    await expect.poll(() => highlighted(amina), { timeout: 15_000 }).toEqual([SENTENCE]);
    await expect.poll(() => amina.locator(".thread__removed").count(), { timeout: 5_000 }).toBe(0);

    // Amina writes before the sentence: Diego's highlight still covers just the sentence.
    await amina.locator(".ProseMirror").press("Control+Home");
    await amina.keyboard.type("Distinguished delegates. ");
    await expect.poll(() => editorText(diego), { timeout: 15_000 }).toContain("Distinguished delegates.");
    await expect.poll(() => highlighted(diego), { timeout: 15_000 }).toEqual([SENTENCE]);
    expect(await highlighted(amina)).toEqual([SENTENCE]);

    // Diego resolves the thread: it leaves Amina's open list and her highlight.
    await diego.getByTestId("comment-resolve").click();
    await expect.poll(() => amina.getByTestId("comment-thread").count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => highlighted(amina)).toEqual([]);
    await amina.getByLabel("Show resolved").check();
    await expect.poll(() => amina.getByTestId("comment-thread").getAttribute("data-status")).toBe("resolved");
  });
});
