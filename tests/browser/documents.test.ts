import type { TDocument } from "@caucus/shared";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowser } from "../support/browser.js";
import { api, documentsPath, type ServerAddress } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();

/** Titles as the API lists them: active documents, or the trash with `deleted`. */
async function listedTitles(server: ServerAddress, deleted = false): Promise<string[]> {
  const { status, body } = await api<{ documents: TDocument[] }>(
    server,
    "GET",
    `${await documentsPath(server)}${deleted ? "?deleted=true" : ""}`,
  );
  expect(status).toBe(200);
  return body.documents.map((document) => document.title);
}

/** Titles of the rows the page shows, in order. */
function rowTitles(page: Page): Promise<string[]> {
  return page.getByTestId("document-row").locator(".document-row__title").allInnerTexts();
}

function row(page: Page, title: string) {
  return page.getByTestId("document-row").filter({ hasText: title });
}

describe("the document list", () => {
  it("starts empty, creates a document from the form, renames, deletes and restores it", async () => {
    const server = await servers.start();
    const page = await person(server, "Amina");
    await page.goto("/");
    await expect
      .poll(() => page.locator(".empty").textContent(), { timeout: 15_000 })
      .toContain("No documents yet");
    expect(await page.getByTestId("document-row").count()).toBe(0);

    // Create: title and kind, Enter in the title field submits; the new document opens.
    await page.getByTestId("new-document-title").fill("Intervention on Article 17");
    await page.getByTestId("new-document-kind").selectOption("statement");
    await page.getByTestId("new-document-title").press("Enter");
    await page.waitForURL(/\/d\/[^/]+$/, { timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId("document-title").textContent(), { timeout: 15_000 })
      .toBe("Intervention on Article 17");
    const id = decodeURIComponent(new URL(page.url()).pathname.slice("/d/".length));
    const created = await api<{ document: TDocument }>(server, "GET", `/api/documents/${id}`);
    expect(created.status, `${page.url()} ${JSON.stringify(created.body)}`).toBe(200);
    expect(created.body.document).toMatchObject({ title: "Intervention on Article 17", kind: "statement" });

    await page.getByRole("link", { name: "All documents" }).click();
    await expect.poll(() => rowTitles(page), { timeout: 15_000 }).toEqual(["Intervention on Article 17"]);
    await expect(row(page, "Intervention on Article 17").locator(".kind-badge").textContent()).resolves.toBe(
      "Joint statement",
    );

    // With documents listed, they come first: the form waits behind "New document",
    // which opens it with the title focused; Escape closes it again.
    expect(await page.getByTestId("new-document-title").count()).toBe(0);
    await page.getByTestId("new-document-open").click();
    await page.keyboard.type("Second draft");
    expect(await page.getByTestId("new-document-title").inputValue()).toBe("Second draft");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByTestId("new-document-title").count()).toBe(0);
    await expect
      .poll(() =>
        page.getByTestId("new-document-open").evaluate((button) => button === document.activeElement),
      )
      .toBe(true);

    // Rename, then Escape: nothing changes, here or on the server.
    await row(page, "Intervention on Article 17").getByTestId("rename-document").click();
    const renameField = page.getByTestId("document-row").locator("input");
    await renameField.fill("Discarded title");
    await renameField.press("Escape");
    await expect.poll(() => renameField.count()).toBe(0);
    expect(await rowTitles(page)).toEqual(["Intervention on Article 17"]);
    expect(await listedTitles(server)).toEqual(["Intervention on Article 17"]);

    // Rename, then Enter: saved.
    await row(page, "Intervention on Article 17").getByTestId("rename-document").click();
    await renameField.fill("Joint statement on Article 17");
    await renameField.press("Enter");
    await expect.poll(() => rowTitles(page), { timeout: 15_000 }).toEqual(["Joint statement on Article 17"]);
    expect(await listedTitles(server)).toEqual(["Joint statement on Article 17"]);

    // Delete, then Undo in the notice.
    await row(page, "Joint statement on Article 17").getByTestId("delete-document").click();
    const notice = page.locator(".notice", { hasText: "was moved to Recently deleted" });
    await notice.waitFor({ state: "visible", timeout: 15_000 });
    expect(await page.getByTestId("document-row").count()).toBe(0);
    expect(await listedTitles(server)).toEqual([]);
    expect(await listedTitles(server, true)).toEqual(["Joint statement on Article 17"]);
    await notice.getByTestId("restore-document").click();
    await expect.poll(() => rowTitles(page), { timeout: 15_000 }).toEqual(["Joint statement on Article 17"]);
    expect(await notice.count()).toBe(0);
    expect(await listedTitles(server)).toEqual(["Joint statement on Article 17"]);
    expect(await listedTitles(server, true)).toEqual([]);

    // Delete again, then restore from "Recently deleted".
    await row(page, "Joint statement on Article 17").getByTestId("delete-document").click();
    await notice.waitFor({ state: "visible", timeout: 15_000 });
    await page.getByRole("main").getByRole("link", { name: "Recently deleted", exact: true }).click();
    await page.waitForURL(/\/deleted$/);
    await expect.poll(() => rowTitles(page), { timeout: 15_000 }).toEqual(["Joint statement on Article 17"]);
    await row(page, "Joint statement on Article 17").getByTestId("restore-document").click();
    await expect.poll(() => page.getByTestId("document-row").count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.locator(".empty").textContent()).toContain("Nothing here");
    expect(await listedTitles(server, true)).toEqual([]);
    expect(await listedTitles(server)).toEqual(["Joint statement on Article 17"]);

    await page.getByRole("main").getByRole("link", { name: "Documents", exact: true }).click();
    await expect.poll(() => rowTitles(page), { timeout: 15_000 }).toEqual(["Joint statement on Article 17"]);
  });

  it("refuses a blank title with a message and creates nothing", async () => {
    const server = await servers.start();
    const page = await person(server, "Diego");
    await page.goto("/");
    await page.locator(".empty").waitFor({ state: "visible", timeout: 15_000 });

    await page.getByTestId("new-document-title").fill("   ");
    await page.getByTestId("new-document-title").press("Enter");
    const message = page.getByRole("alert");
    await expect.poll(() => message.textContent(), { timeout: 10_000 }).toBe("Give the document a title.");
    expect(await page.getByTestId("new-document-title").getAttribute("aria-invalid")).toBe("true");
    expect(new URL(page.url()).pathname).toMatch(/^\/w\/[^/]+$/);

    // The create button too, and the server never heard of it.
    await page.getByTestId("create-document").click();
    expect(await message.textContent()).toBe("Give the document a title.");
    expect(await page.getByTestId("document-row").count()).toBe(0);
    expect(await listedTitles(server)).toEqual([]);
    expect(await listedTitles(server, true)).toEqual([]);
  });
});
