import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openDocument, saveState, selectText, textsOf, typeAtEnd, useBrowser } from "../support/browser.js";
import { createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();
const FIRST = "The States shall protect defenders.";
const SECOND = "We urge delegations to protect encryption.";

/** The text itself, without suggested insertions or the words read to screen readers. */
async function baseText(page: Page): Promise<string> {
  return (await textsOf(page, ":scope > *", ".suggestion-inserted, .visually-hidden")).join("\n");
}

/**
 * Issue 7's scenario whole: a commenter proposes wording and discusses a
 * sentence; an editor sees both live beside the text, accepts the proposal
 * and resolves the discussion, and the commenter sees the outcome.
 */
describe("drafting together", () => {
  it("a commenter suggests a change and comments on a sentence; the editor sees both live, accepts and resolves", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Joint statement on Article 5", "statement");
    const bea = await person(server, "Bea", { role: "editor" });
    const ana = await person(server, "Ana", { role: "commenter" });
    await openDocument(bea, id);
    await typeAtEnd(bea, `${FIRST} ${SECOND}`);
    await expect.poll(() => saveState(bea), { timeout: 20_000 }).toBe("saved");
    await openDocument(ana, id);
    await expect.poll(() => baseText(ana), { timeout: 15_000 }).toBe(`${FIRST} ${SECOND}`);

    // Ana suggests "Member " before "States" ...
    await ana
      .locator(".ProseMirror p")
      .first()
      .click({ position: { x: 2, y: 8 } });
    await ana.keyboard.press("Home");
    for (let i = 0; i < "The ".length; i++) await ana.keyboard.press("ArrowRight");
    await ana.keyboard.type("Member ", { delay: 20 });
    // ... and comments on the second sentence.
    await selectText(ana, SECOND);
    await ana.keyboard.press("Control+Alt+KeyM");
    await ana.getByTestId("comments-panel").getByTestId("comment-input").fill("Too weak: 'call on' instead?");
    await ana.getByTestId("comment-submit").click();

    // Bea sees both, live and in place; the text itself is unchanged.
    await expect
      .poll(() => textsOf(bea, ".suggestion-inserted", ".visually-hidden"), { timeout: 15_000 })
      .toEqual(["Member "]);
    await expect
      .poll(() => bea.locator(".ProseMirror .comment-highlight").allInnerTexts(), { timeout: 15_000 })
      .toEqual([SECOND]);
    await expect
      .poll(() => bea.getByTestId("comments-panel").getByTestId("comment-body").allInnerTexts())
      .toEqual(["Too weak: 'call on' instead?"]);
    expect(await baseText(bea)).toBe(`${FIRST} ${SECOND}`);

    // Bea accepts the suggestion and resolves the thread; Ana sees the outcome.
    const suggestion = bea.getByTestId("suggestions-panel").getByTestId("suggestion-item");
    await suggestion.filter({ hasText: "insert ‘Member ’" }).getByTestId("suggestion-accept").click();
    await bea.getByTestId("comment-resolve").click();
    const result = `The Member States shall protect defenders. ${SECOND}`;
    await expect.poll(() => baseText(ana), { timeout: 15_000 }).toBe(result);
    await expect.poll(() => baseText(bea), { timeout: 15_000 }).toBe(result);
    await expect.poll(() => ana.getByTestId("comment-thread").count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => ana.locator(".ProseMirror .comment-highlight").count()).toBe(0);
    await expect
      .poll(() => ana.getByTestId("suggestions-panel").getByTestId("suggestion-item").count())
      .toBe(0);
  });
});
