import { colorForName } from "@caucus/shared";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openDocument, useBrowser } from "../support/browser.js";
import { createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const browser = useBrowser();

/** The people the workspace's "online now" panel lists, as `name: status`. */
function online(page: Page): Promise<string[]> {
  return page
    .getByTestId("presence-person")
    .evaluateAll((rows) =>
      rows.map((row) => `${row.getAttribute("data-user-name")}: ${row.getAttribute("data-status")}`).sort(),
    );
}

/** `rgb(r, g, b)` of a `#rrggbb` colour, as computed styles report it. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

describe("who is online", () => {
  it("shows who is online and where, live; avatars wear the caret's colour; the departed leave", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Joint statement on Article 17", "statement");
    const coordinator = await browser.person(server, "Coordinator");
    const remote = await browser.person(server, "Rahim Dhaka");

    // The coordinator watches the workspace; the remote member opens the draft.
    const workers: string[] = [];
    coordinator.on("worker", (worker) => workers.push(worker.url()));
    await coordinator.goto("/");
    await coordinator.getByTestId("presence-panel").waitFor({ state: "visible", timeout: 15_000 });
    await openDocument(remote, id);
    await expect.poll(() => online(coordinator), { timeout: 15_000 }).toContain("Rahim Dhaka: remote");
    await expect
      .poll(() => coordinator.getByTestId("presence-panel").textContent(), { timeout: 15_000 })
      .toContain("Joint statement on Article 17");
    // Reports beat from a worker, whose timers hidden tabs do not throttle.
    expect(workers.some((url) => url.includes("/assets/tickWorker-"))).toBe(true);

    // They set themselves "in the room"; the coordinator sees it without reloading.
    await remote.getByTestId("presence-status").selectOption("room");
    await expect.poll(() => online(coordinator), { timeout: 15_000 }).toContain("Rahim Dhaka: room");

    // The coordinator opens the draft too: each sees the other's avatar, in their caret colour.
    await openDocument(coordinator, id);
    const byName = remote
      .getByTestId("document-presence")
      .locator('[data-testid="presence-avatar"][data-user-name="Coordinator"]');
    await byName.waitFor({ state: "visible", timeout: 15_000 });
    // The avatar inside the item carries the colour.
    const colours = await byName.evaluate((item) =>
      [item, ...item.querySelectorAll("*")].map((element) => getComputedStyle(element).backgroundColor),
    );
    expect(colours).toContain(rgb(colorForName("Coordinator")));

    // The remote member's laptop closes: gone from the others' view within 10 s.
    await remote.context().close();
    const closed = Date.now();
    await coordinator.goto("/");
    await expect
      .poll(async () => (await online(coordinator)).some((row) => row.startsWith("Rahim Dhaka")), {
        timeout: 15_000,
        interval: 250,
      })
      .toBe(false);
    expect(Date.now() - closed).toBeLessThan(10_000);
  });
});
