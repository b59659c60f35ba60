import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { editorText, openDocument, saveState, typeAtEnd, useBrowser } from "../support/browser.js";
import { api, createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();

/**
 * Long enough for y-websocket to retry several times (its back-off starts at
 * 100 ms), were it going to: only elapsed time can show it does not.
 */
const RETRY_WINDOW_MS = 3_000;

/** Counts the sync sockets a page opens from now on. */
function countSockets(page: Page): () => number {
  let opened = 0;
  page.on("websocket", (socket) => {
    if (new URL(socket.url()).pathname.startsWith("/sync/")) opened++;
  });
  return () => opened;
}

describe("a document that cannot be served", () => {
  it("a link to no document says so, once, instead of reconnecting", async () => {
    const server = await servers.shared();
    const page = await person(server, "Amina");
    const sockets = countSockets(page);
    await page.goto(`/d/${randomUUID()}`);

    const heading = page.getByRole("heading", { level: 1 });
    await expect
      .poll(() => heading.textContent(), { timeout: 15_000 })
      .toBe("This document cannot be opened");
    await expect.poll(() => page.getByRole("alert").textContent(), { timeout: 15_000 }).toMatch(/not found/i);
    expect(await page.getByRole("link", { name: "Recently deleted" }).count()).toBe(1);

    await page.waitForTimeout(RETRY_WINDOW_MS);
    expect(await page.locator("main").textContent()).not.toContain("Reconnecting");
    expect(await page.locator(".ProseMirror").count()).toBe(0);
    expect(sockets()).toBeLessThanOrEqual(1);
  });

  it("a document deleted while open shows the error on the status line and stops reconnecting", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "Sign-on letter to the Chair", "letter");
    const page = await person(server, "Diego");
    await openDocument(page, id);
    await typeAtEnd(page, "Dear Chair,");
    await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe("saved");
    const sockets = countSockets(page);

    expect((await api(server, "DELETE", `/api/documents/${id}`)).status).toBe(200);
    await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe("error");
    const status = page.getByTestId("save-status");
    expect(await status.textContent()).toBe(
      "This document was deleted or does not exist. Restore it from Recently deleted, or go back to All documents.",
    );

    await page.waitForTimeout(RETRY_WINDOW_MS);
    expect(await saveState(page)).toBe("error");
    expect(sockets()).toBe(0);
    // The text stays readable on the page.
    expect(await editorText(page)).toBe("Dear Chair,");

    // Once restored, a reload brings the document back, saved.
    expect((await api(server, "POST", `/api/documents/${id}/restore`)).status).toBe(200);
    await openDocument(page, id);
    expect(await editorText(page)).toBe("Dear Chair,");
  });
});
