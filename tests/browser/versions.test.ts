import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { documentAction, editorText, openDocument, saveState, useBrowser } from "../support/browser.js";
import { createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();

/** Replaces the whole text by typing, as a person would. */
async function replaceText(page: Page, text: string): Promise<void> {
  await page.locator(".ProseMirror").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(text, { delay: 10 });
  await expect.poll(() => saveState(page), { timeout: 20_000 }).toBe("saved");
}

describe("versions", () => {
  it("saves a named version, compares it with the edited text, and restores it for everyone live", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Joint statement on Article 5", "statement");
    const amina = await person(server, "Amina");
    const diego = await person(server, "Diego");
    await openDocument(amina, id);
    await openDocument(diego, id);
    await replaceText(amina, "States must protect journalists.");

    // Save the circulated text as a version, by keyboard: type the name, Enter.
    await documentAction(amina, "versions-open");
    const panel = amina.getByTestId("versions-panel");
    await panel.getByTestId("version-name").fill("v1 sent to delegations");
    await panel.getByTestId("version-note").fill("As circulated on Monday.");
    await panel.getByTestId("version-name").press("Enter");
    await expect
      .poll(() => panel.getByTestId("versions-status").textContent(), { timeout: 15_000 })
      .toContain("Saved “v1 sent to delegations”");
    const row = panel.getByTestId("version-row").filter({ hasText: "v1 sent to delegations" });
    expect(await row.getAttribute("data-version-kind")).toBe("named");
    expect(await row.textContent()).toContain("As circulated on Monday.");
    expect(await row.textContent()).toContain("Amina");

    // Edit, then compare the version with the current text.
    await replaceText(amina, "States shall protect journalists and defenders.");
    await expect.poll(() => editorText(diego), { timeout: 15_000 }).toContain("and defenders");
    await row.getByTestId("version-compare-current").click();
    const compare = panel.getByTestId("compare-view");
    await compare.getByTestId("diff-deleted").first().waitFor({ timeout: 15_000 });
    // Marks carry their meaning for screen readers too ("removed:", "added:").
    expect(await compare.getByTestId("diff-deleted").allTextContents()).toEqual(["removed: must"]);
    expect(await compare.getByTestId("diff-inserted").allTextContents()).toEqual([
      "added: shall",
      "added: and defenders",
    ]);
    const legend = await compare.getByRole("note").textContent();
    expect(legend).toContain("Underlined, highlighted words were added");
    expect(legend).toContain("Struck-through words were in the earlier text");

    // The export is one standalone HTML file with the same marks.
    const href = await compare.getByTestId("compare-export").getAttribute("href");
    const exported = await amina.request.get(href ?? "");
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-disposition"]).toContain("attachment");
    expect(await exported.text()).toContain("<del>must</del><ins>shall</ins>");

    // Restore: the dialog says it is a new edit everyone sees and nothing is lost.
    await compare.getByTestId("version-restore").click();
    const dialog = amina.getByRole("dialog");
    expect(await dialog.textContent()).toContain("a new edit that everyone working on this document sees");
    expect(await dialog.textContent()).toContain("Nothing is lost");
    await dialog.getByTestId("confirm-action").click();
    await expect.poll(() => editorText(amina), { timeout: 15_000 }).toBe("States must protect journalists.");
    // The other browser sees the restored text live, without reloading.
    await expect.poll(() => editorText(diego), { timeout: 15_000 }).toBe("States must protect journalists.");
    await expect.poll(() => saveState(amina), { timeout: 20_000 }).toBe("saved");

    // The text from before the restore is kept as a version of its own.
    expect(await panel.getByTestId("versions-status").textContent()).toContain(
      "Before restoring “v1 sent to delegations”",
    );
    const saved = panel.getByTestId("version-row").filter({ hasText: "Before restoring" });
    await saved.getByTestId("version-open").click();
    await expect
      .poll(() => panel.getByTestId("version-text").textContent(), { timeout: 15_000 })
      .toBe("States shall protect journalists and defenders.");
  });
});
