import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { saveState, typeAtEnd, useBrowser } from "../support/browser.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();

/** Ten words, as Intl.Segmenter counts them. */
const SENTENCE = " We urge all States to protect defenders from reprisals today.";

const rows = (page: Page) => page.getByTestId("call-row");
const speakingTime = (page: Page) => rows(page).first().getByTestId("call-speaking-time");

/** Opens the calls board from the workspace's navigation, as a person would. */
async function openBoard(page: Page): Promise<void> {
  await page.goto("/");
  await page.waitForURL(/\/w\/[^/]+$/, { timeout: 15_000 });
  await page.getByRole("link", { name: "Calls board" }).click();
  await page.waitForURL(/\/w\/[^/]+\/calls$/);
}

describe("the calls board", () => {
  it("creates an intervention from a call in one step, and a second person's board follows live", async () => {
    const server = await servers.start();
    const coordinator = await person(server, "Coordinator");
    const observer = await person(server, "Observer", { role: "viewer" });

    await openBoard(observer);
    await expect
      .poll(() => observer.locator(".empty").textContent(), { timeout: 15_000 })
      .toContain("Editors and owners of this workspace add them");
    // A viewer sees the board, not the form.
    expect(await observer.getByTestId("call-form").count()).toBe(0);

    await openBoard(coordinator);
    await expect
      .poll(() => coordinator.locator(".empty").textContent(), { timeout: 15_000 })
      .toBe("No calls yet: when the chair opens the floor, add the call here.");
    await coordinator.getByTestId("call-forum").fill("Human Rights Council, 58th session");
    await coordinator.getByTestId("call-agenda-item").fill("Item 3: general debate");
    await coordinator.getByTestId("call-venue").selectOption("Europe/Zurich");
    expect(await coordinator.getByTestId("call-create-draft").isChecked()).toBe(true);
    await coordinator.getByTestId("call-time-limit").selectOption("120");
    await coordinator.getByTestId("create-call").click();

    // The observer's board shows the call without a reload: the venue's clock and their own, and
    // the draft's speaking time against its limit (the template: "Thank you, Chair." and "Thank you.").
    await expect.poll(() => rows(observer).count(), { timeout: 15_000 }).toBe(1);
    const row = rows(observer).first();
    expect(await row.locator("h3").textContent()).toContain("Item 3: general debate");
    const when = (await row.getByTestId("call-deadline-shown").textContent()) ?? "";
    expect(when).toContain("Venue:");
    expect(when).toMatch(/GMT\+1|GMT\+2|CET|CEST/);
    expect(await row.getByTestId("call-countdown").textContent()).toMatch(/^in \d+ min/);
    expect(await speakingTime(observer).textContent()).toContain("0:03 of 2:00");
    expect(await row.getByTestId("call-status").textContent()).toBe("Drafting");

    // The coordinator lands on the draft from the notice: the intervention template is there.
    await coordinator.getByTestId("call-open-new-draft").click();
    await coordinator.waitForURL(/\/d\/[^/]+$/, { timeout: 15_000 });
    await coordinator.locator(".ProseMirror").waitFor({ state: "visible" });
    await expect
      .poll(() => coordinator.locator(".ProseMirror p").allInnerTexts(), { timeout: 15_000 })
      .toEqual([
        expect.stringContaining("Human Rights Council, 58th session — Item 3: general debate"),
        "Thank you, Chair.",
        expect.stringContaining("Who we speak for"),
        "Thank you.",
      ]);
    await expect.poll(() => saveState(coordinator), { timeout: 20_000 }).toBe("saved");
    expect(await coordinator.getByTestId("speaking-time").textContent()).toBe("0:03 of 2:00");

    // 250 words more: 255 at 110 words a minute take 2:20, past the 2:00 limit.
    await typeAtEnd(coordinator, "");
    // One input per sentence, as a paste would: 1,500 key presses took 40 s of a shared machine.
    for (let i = 0; i < 25; i++) await coordinator.keyboard.insertText(SENTENCE);
    await expect.poll(() => saveState(coordinator), { timeout: 20_000 }).toBe("saved");

    // The observer's board follows, and says it is over the limit.
    await expect
      .poll(() => speakingTime(observer).getAttribute("data-seconds"), { timeout: 20_000 })
      .toBe("140");
    expect(await speakingTime(observer).getAttribute("data-over")).toBe("true");
    expect(await speakingTime(observer).textContent()).toContain("2:20 of 2:00");
    expect(await speakingTime(observer).textContent()).toContain("Over the limit");
  });
});
