import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowser } from "../support/browser.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();

const rows = (page: Page) => page.getByTestId("call-row");

async function openBoard(page: Page): Promise<void> {
  await page.goto("/");
  await page.waitForURL(/\/w\/[^/]+$/, { timeout: 15_000 });
  await page.getByRole("link", { name: "Calls board" }).click();
  await page.waitForURL(/\/w\/[^/]+\/calls$/);
}

describe("editing a call on the board", () => {
  it("changes the forum by keyboard, and a second viewer's board shows it live", async () => {
    const server = await servers.start();
    const coordinator = await person(server, "Coordinator");
    const observer = await person(server, "Observer", { role: "viewer" });

    await openBoard(coordinator);
    await coordinator.getByTestId("call-forum").fill("Human Rights Council, 58th session");
    await coordinator.getByTestId("call-agenda-item").fill("Item 3: general debate");
    await coordinator.getByTestId("call-create-draft").uncheck();
    await coordinator.getByTestId("create-call").click();
    await expect.poll(() => rows(coordinator).count(), { timeout: 15_000 }).toBe(1);

    await openBoard(observer);
    await expect.poll(() => rows(observer).count(), { timeout: 15_000 }).toBe(1);
    expect(await rows(observer).first().locator("h3").textContent()).toContain(
      "Human Rights Council, 58th session",
    );
    // Only editors can change a call.
    expect(await observer.getByTestId("call-edit").count()).toBe(0);

    // Open the dialog, correct the forum and save, all from the keyboard.
    await rows(coordinator).first().getByTestId("call-edit").focus();
    await coordinator.keyboard.press("Enter");
    const dialog = coordinator.getByTestId("call-edit-dialog");
    await dialog.waitFor({ state: "visible" });
    const forum = dialog.getByTestId("call-forum");
    expect(await forum.inputValue()).toBe("Human Rights Council, 58th session");
    await forum.focus();
    await coordinator.keyboard.press("ControlOrMeta+A");
    await coordinator.keyboard.type("Human Rights Council, 59th session");
    await coordinator.keyboard.press("Enter");
    await dialog.waitFor({ state: "hidden", timeout: 15_000 });
    // Focus goes back to the button that opened the dialog.
    expect(await coordinator.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
      "call-edit",
    );

    // The observer's board follows without a reload; the other fields are unchanged.
    await expect
      .poll(() => rows(observer).first().locator("h3").textContent(), { timeout: 15_000 })
      .toContain("Human Rights Council, 59th session");
    expect(await rows(observer).first().locator("h3").textContent()).toContain("Item 3: general debate");

    // An empty forum is refused in the dialog, as in the create form.
    await rows(coordinator).first().getByTestId("call-edit").click();
    await dialog.getByTestId("call-forum").fill("   ");
    await dialog.getByTestId("call-edit-save").click();
    expect(await dialog.getByRole("alert").textContent()).toBe("Fill in the forum and the agenda item.");
  });
});
