import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium.js";
import { createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { type NetProxy, startNetProxy } from "../support/netProxy.js";

const servers = useServers();
let browser: Browser;
const contexts: BrowserContext[] = [];
const proxies: NetProxy[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
});

/** A person in their own browser profile, with a display name set. */
async function person(baseUrl: string, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl });
  contexts.push(context);
  await context.addInitScript((displayName) => {
    window.localStorage.setItem("caucus:displayName", displayName);
  }, name);
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`[${name}] page error:`, error));
  return page;
}

async function openDocument(page: Page, id: string): Promise<void> {
  await page.goto(`/d/${id}`);
  await page.locator(".ProseMirror").waitFor({ state: "visible" });
  await expect.poll(() => saveState(page), { timeout: 20_000 }).toBe("saved");
}

function saveState(page: Page): Promise<string | null> {
  return page.getByTestId("save-status").getAttribute("data-state");
}

/** The document's text, one line per block, without other people's caret labels. */
function editorText(page: Page): Promise<string> {
  return page.locator(".ProseMirror").evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
    return [...copy.children].map((block) => block.textContent ?? "").join("\n");
  });
}

/** Types at the end of the document, as a person clicking there would. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  const editor = page.locator(".ProseMirror");
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text, { delay: 15 });
}

describe("two people in two browsers", () => {
  it("see each other's text and caret live", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Joint statement on Article 5", "statement");
    const amina = await person(server.url, "Amina");
    const diego = await person(server.url, "Diego");
    await openDocument(amina, id);
    await openDocument(diego, id);

    await typeAtEnd(amina, "We urge the delegations to protect encryption.");
    await expect.poll(() => editorText(diego), { timeout: 15_000 }).toContain("protect encryption.");

    await diego.keyboard.press("Enter");
    await typeAtEnd(diego, "Nos oponemos a la vigilancia masiva.");
    await expect.poll(() => editorText(amina), { timeout: 15_000 }).toContain("vigilancia masiva.");

    // Each sees the other's caret, labelled with the other's name.
    await expect
      .poll(() => amina.locator(".collaboration-carets__label").allInnerTexts(), { timeout: 15_000 })
      .toContain("Diego");
    await expect
      .poll(() => diego.locator(".collaboration-carets__label").allInnerTexts(), { timeout: 15_000 })
      .toContain("Amina");

    await expect.poll(() => saveState(amina), { timeout: 15_000 }).toBe("saved");
    expect(await editorText(amina)).toBe(await editorText(diego));
  });

  it("merge after one of them loses the network, keeps typing and comes back", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Oral intervention, item 4", "intervention");
    const network = await startNetProxy(server.port);
    proxies.push(network);
    const remote = await person(network.url, "Remote member");
    const inRoom = await person(server.url, "In the room");
    await openDocument(remote, id);
    await openDocument(inRoom, id);

    await typeAtEnd(remote, "Thank you, Chair.");
    await expect.poll(() => editorText(inRoom), { timeout: 15_000 }).toContain("Thank you, Chair.");

    network.cut();
    await remote.context().setOffline(true);
    await expect.poll(() => saveState(remote), { timeout: 15_000 }).toMatch(/offline|reconnecting/);
    await remote.keyboard.press("Enter");
    await typeAtEnd(remote, "Typed while the network was down.");
    await typeAtEnd(inRoom, " Edited in the room meanwhile.");
    await expect.poll(() => remote.getByTestId("save-status").getAttribute("data-pending")).not.toBe("0");
    expect(await editorText(inRoom)).not.toContain("network was down");

    network.restore();
    await remote.context().setOffline(false);
    await expect.poll(() => saveState(remote), { timeout: 30_000 }).toBe("saved");
    await expect.poll(() => editorText(inRoom), { timeout: 15_000 }).toContain("Typed while the network was down.");
    await expect.poll(() => editorText(remote), { timeout: 15_000 }).toContain("Edited in the room meanwhile.");
    expect(await editorText(remote)).toBe(await editorText(inRoom));
  });
});
