import { DOCUMENT_FIELD } from "@caucus/shared";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  editorText,
  openDocument,
  pendingEdits,
  saveState,
  selectText,
  typeAtEnd,
  useBrowser,
} from "../support/browser.js";
import { connectClient, createDocument, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person, network: startNetwork } = useBrowser();

/** Waits until the service worker controls the page, so a reload can come from its cache. */
async function waitForOfflineShell(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 })
    .toBe(true);
}

/** A UI language's catalogue chunk, e.g. `/assets/es-DlYukYqR.js`. */
const CATALOGUE = /\/assets\/(ar|en|es|fr|ru|zh)-[\w-]+\.js$/;

/** The catalogue chunks in the service worker's caches. */
function cachedCatalogues(page: Page): Promise<string[]> {
  return page.evaluate(async (pattern) => {
    const files: string[] = [];
    for (const name of await caches.keys())
      for (const request of await (await caches.open(name)).keys()) files.push(new URL(request.url).pathname);
    return files.filter((file) => new RegExp(pattern).test(file)).sort();
  }, CATALOGUE.source);
}

describe("a document reloaded with no network", () => {
  it("shows the last text, keeps offline edits with their count, and sends them on reconnect", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "Intervention on Article 17", "intervention");
    const network = await startNetwork(server.port);
    const traveller = await person(server, "Traveller", { via: network });

    await openDocument(traveller, id);
    await typeAtEnd(traveller, "Thank you, Chair.");
    await expect.poll(() => saveState(traveller), { timeout: 15_000 }).toBe("saved");
    await waitForOfflineShell(traveller);

    network.cut();
    await traveller.context().setOffline(true);
    await traveller.reload();

    // The app shell came from the service worker, the text from IndexedDB, the title from the cache.
    await traveller.locator(".ProseMirror").waitFor({ state: "visible", timeout: 20_000 });
    await expect.poll(() => editorText(traveller), { timeout: 15_000 }).toBe("Thank you, Chair.");
    await expect(traveller.getByTestId("document-title").textContent()).resolves.toBe(
      "Intervention on Article 17",
    );
    await expect.poll(() => saveState(traveller), { timeout: 15_000 }).toBe("offline");
    expect(await pendingEdits(traveller)).toBe(0);

    const offlineWords = " We support the proposal.";
    await typeAtEnd(traveller, offlineWords);
    // A deletion of stored text: it moves no clock, so only the server's frame count can show it stored.
    await selectText(traveller, "Thank you, ");
    await traveller.keyboard.press("Backspace");
    const offlineText = `Chair.${offlineWords}`;
    expect(await editorText(traveller)).toBe(offlineText);
    // One local transaction per typed character and one for the deletion, none of them stored.
    const offlineEdits = offlineWords.length + 1;
    await expect.poll(() => pendingEdits(traveller), { timeout: 10_000 }).toBe(offlineEdits);
    expect(await saveState(traveller)).toBe("offline");
    await expect(traveller.getByTestId("save-status").textContent()).resolves.toContain(
      `Offline: ${offlineEdits} edits waiting`,
    );

    // A second reload, still offline: the edits and their count survive on this device.
    await traveller.reload();
    await traveller.locator(".ProseMirror").waitFor({ state: "visible", timeout: 20_000 });
    await expect.poll(() => editorText(traveller), { timeout: 15_000 }).toBe(offlineText);
    await expect.poll(() => pendingEdits(traveller), { timeout: 10_000 }).toBe(offlineEdits);
    expect(await saveState(traveller)).toBe("offline");

    // Nothing reached the server while the network was down.
    const colleague = await person(server, "Colleague");
    await openDocument(colleague, id);
    expect(await editorText(colleague)).toBe("Thank you, Chair.");

    network.restore();
    await traveller.context().setOffline(false);
    await expect.poll(() => saveState(traveller), { timeout: 30_000 }).toBe("saved");
    expect(await pendingEdits(traveller)).toBe(0);
    await expect.poll(() => editorText(colleague), { timeout: 15_000 }).toBe(offlineText);

    // A client that never saw the browser gets the offline edits from the server.
    const reader = connectClient(server, id);
    await waitForSynced(reader.provider, 15_000);
    const stored = reader.ydoc.getXmlFragment(DOCUMENT_FIELD).toString();
    expect(stored).toContain(offlineText);
    expect(stored).not.toContain("Thank you");
  });

  /*
   * The worker installed on another page (the list), before the editor's
   * code was ever fetched, and the browser's HTTP cache is then evicted.
   * The worker knows every built file from a build-time list and caches the
   * rest right after the startup files, so the document still opens
   * offline. (On a document's own address the worker now waits until the
   * document is open, so a slow phone's first load does not share its link.)
   * The person reads Spanish: of the six catalogues the worker keeps theirs
   * alone, which the page had fetched before the worker existed, and fetches
   * none (issue 14: every byte is someone's data plan).
   */
  it("opens offline, in the person's language, even when the editor code arrived after the worker was ready", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "Analysis of Article 17", "analysis");
    const network = await startNetwork(server.port);
    const traveller = await person(server, "Traveller", { via: network });
    const context = traveller.context();
    await context.addInitScript(() => localStorage.setItem("caucus:language", "es"));

    // The list first: its worker installs there, before the editor's code was ever fetched.
    await traveller.goto("/");
    await waitForOfflineShell(traveller);
    // The page tells the worker its language; the worker takes the catalogue from the HTTP cache.
    await expect
      .poll(() => cachedCatalogues(traveller), { timeout: 10_000 })
      .toEqual([expect.stringMatching(/^\/assets\/es-/)]);
    await traveller.goto(`/d/${id}`);
    await traveller.locator(".ProseMirror").waitFor({ state: "visible", timeout: 20_000 });
    await typeAtEnd(traveller, "Draft analysis.");
    await expect.poll(() => saveState(traveller), { timeout: 15_000 }).toBe("saved");
    // The HTTP cache is no offline store: browsers evict it. The worker's cache must suffice.
    await (await context.newCDPSession(traveller)).send("Network.clearBrowserCache");

    network.cut();
    await context.setOffline(true);
    await traveller.reload();
    await traveller.locator(".ProseMirror").waitFor({ state: "visible", timeout: 15_000 });
    await expect.poll(() => editorText(traveller), { timeout: 10_000 }).toBe("Draft analysis.");
    // In Spanish, not in English (whose catalogue this device never fetched) nor as bare keys.
    await traveller.getByRole("link", { name: "Todos los documentos" }).waitFor({ timeout: 10_000 });
    expect(await traveller.evaluate(() => document.documentElement.lang)).toBe("es");

    // One catalogue crossed the network, once: the page's, on the first visit. The worker kept it alone.
    const kept = await cachedCatalogues(traveller);
    expect(kept).toEqual([expect.stringMatching(/^\/assets\/es-/)]);
    expect(network.requests.filter((request) => CATALOGUE.test(request))).toEqual(
      kept.map((file) => `GET ${file}`),
    );
  });

  it("lists, offline, the documents kept on this device and opens them; creating waits for the network", async () => {
    const server = await servers.shared();
    const kept = await createDocument(server, "Statement kept for the flight", "statement");
    await createDocument(server, "A draft never opened here", "notes");
    const network = await startNetwork(server.port);
    const traveller = await person(server, "Traveller", { via: network });

    await openDocument(traveller, kept.id);
    await typeAtEnd(traveller, "Read on the plane.");
    await expect.poll(() => saveState(traveller), { timeout: 15_000 }).toBe("saved");
    // A comment seen here online is there to read offline.
    await selectText(traveller, "Read on the plane.");
    await traveller.keyboard.press("Control+Alt+KeyM");
    await traveller.getByTestId("comment-input").fill("Check the figures before landing.");
    await traveller.getByTestId("comment-submit").click();
    await traveller.getByTestId("comment-thread").waitFor({ state: "visible", timeout: 15_000 });
    await traveller.getByRole("link", { name: "All documents" }).click();
    await traveller.getByTestId("new-document-open").waitFor({ state: "visible", timeout: 15_000 });
    await waitForOfflineShell(traveller);

    network.cut();
    await traveller.context().setOffline(true);
    await traveller.reload();
    const notice = traveller.getByTestId("documents-offline");
    await notice.waitFor({ state: "visible", timeout: 15_000 });
    await expect(notice.textContent()).resolves.toContain("kept on this device");
    await expect(notice.textContent()).resolves.toContain("Creating a document needs the network");
    // Only what this device keeps: the draft it never opened is not offered.
    const titles = await traveller.getByTestId("open-document").allTextContents();
    expect(titles).toEqual(["Statement kept for the flight"]);
    expect(await traveller.getByTestId("new-document-open").count()).toBe(0);
    expect(await traveller.getByTestId("create-document").count()).toBe(0);

    await traveller.getByTestId("open-document").click();
    await traveller.locator(".ProseMirror").waitFor({ state: "visible", timeout: 15_000 });
    await expect.poll(() => editorText(traveller), { timeout: 10_000 }).toBe("Read on the plane.");
    // Its comments as this device last saw them, said so, to read only.
    const comments = traveller.getByTestId("comments-panel");
    await expect
      .poll(() => comments.getByTestId("comments-offline").textContent(), { timeout: 10_000 })
      .toContain("as this device last saw them");
    expect(await comments.getByTestId("comment-body").allTextContents()).toEqual([
      "Check the figures before landing.",
    ]);
    expect(await comments.getByTestId("comment-start").count()).toBe(0);
    expect(await comments.getByRole("button", { name: "Reply" }).count()).toBe(0);
    expect(await comments.getByTestId("comment-resolve").count()).toBe(0);
  });
});
