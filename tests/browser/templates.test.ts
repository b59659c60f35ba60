import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { saveState, useBrowser } from "../support/browser.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();

/** Goes to one of the workspace's sections from its navigation, as a person would. */
async function openSection(page: Page, link: string, path: RegExp): Promise<void> {
  await page.goto("/");
  await page.waitForURL(/\/w\/[^/]+$/, { timeout: 15_000 });
  await page
    .getByRole("navigation", { name: /sections$/ })
    .getByRole("link", { name: link })
    .click();
  await page.waitForURL(path);
}

const interventionTemplate = (page: Page) =>
  page.locator('[data-testid="template-section"][data-kind="intervention"]');

describe("workspace templates", () => {
  it("starts a new intervention from the workspace's edited template, with the forum filled in", async () => {
    const server = await servers.start();
    const page = await person(server, "Coordinator");
    await openSection(page, "Templates", /\/w\/[^/]+\/templates$/);

    const section = interventionTemplate(page);
    const text = section.getByTestId("template-text");
    await text.waitFor({ state: "visible", timeout: 15_000 });
    expect(await section.getByTestId("template-source").textContent()).toContain("Built-in template");
    // The built-in frame, with placeholders where forum and agenda item go.
    expect(await text.locator("p").first().textContent()).toBe("{{forum}} — {{agendaItem}}");

    // Replace the whole frame with the coalition's own, by keyboard.
    await text.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("Our coalition speaks at {{forum}} today.");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Thank you, Chair, on behalf of the Digital Rights Coalition.");
    await section.getByTestId("template-save").click();
    await expect
      .poll(() => section.getByRole("status").textContent(), { timeout: 15_000 })
      .toContain("Saved.");

    // Saved on the server: a reload shows the workspace's own template.
    await page.reload();
    await text.waitFor({ state: "visible", timeout: 15_000 });
    expect(await section.getByTestId("template-source").textContent()).toContain("This workspace's template");
    expect(await text.locator("p").allInnerTexts()).toEqual([
      "Our coalition speaks at {{forum}} today.",
      "Thank you, Chair, on behalf of the Digital Rights Coalition.",
    ]);

    // A new intervention starts from it, the forum filled in.
    await openSection(page, "Documents", /\/w\/[^/]+$/);
    await page.getByTestId("new-document-title").fill("Article 17 intervention");
    await page.getByTestId("new-document-kind").selectOption("intervention");
    await page.getByTestId("new-intervention-forum").fill("Ad Hoc Committee on Cybercrime");
    await page.getByTestId("new-intervention-agenda-item").fill("Article 17");
    await page.getByTestId("new-intervention-time-limit").selectOption("90");
    await page.getByTestId("create-document").click();
    await page.waitForURL(/\/d\/[^/]+$/, { timeout: 15_000 });
    await page.locator(".ProseMirror").waitFor({ state: "visible" });
    await expect
      .poll(() => page.locator(".ProseMirror p").allInnerTexts(), { timeout: 15_000 })
      .toEqual([
        "Our coalition speaks at Ad Hoc Committee on Cybercrime today.",
        "Thank you, Chair, on behalf of the Digital Rights Coalition.",
      ]);
    await expect.poll(() => saveState(page), { timeout: 20_000 }).toBe("saved");
  });
});
