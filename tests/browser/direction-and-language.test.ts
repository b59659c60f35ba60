import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { editorText, openDocument, saveState, typeAtEnd, useBrowser } from "../support/browser.js";
import { createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();

const ENGLISH = "We urge the delegations to protect encryption.";
const ARABIC = "نطالب الوفود بحماية التشفير";

/** The computed `direction` of each paragraph of the document text. */
function paragraphDirections(page: Page): Promise<string[]> {
  return page
    .locator(".ProseMirror > p")
    .evaluateAll((paragraphs) => paragraphs.map((p) => getComputedStyle(p).direction));
}

function statusText(page: Page): Promise<string | null> {
  return page.getByTestId("save-status").textContent();
}

function htmlLang(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.lang);
}

/** A sentence of the web app's catalogue for `language`, by dotted key. */
function sentence(language: string, key: string): string {
  const catalog = JSON.parse(
    readFileSync(new URL(`../../apps/web/src/i18n/${language}.json`, import.meta.url), "utf8"),
  ) as Record<string, unknown>;
  return key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog) as string;
}

describe("a multilingual delegation", () => {
  it("gets each paragraph in its own direction", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "Statement on encryption", "statement");
    const page = await person(server, "Layla");
    await openDocument(page, id);

    await typeAtEnd(page, ENGLISH);
    await page.keyboard.press("Enter");
    await page.keyboard.type(ARABIC, { delay: 15 });
    await expect.poll(() => editorText(page), { timeout: 10_000 }).toBe(`${ENGLISH}\n${ARABIC}`);
    expect(await paragraphDirections(page)).toEqual(["ltr", "rtl"]);

    // Direction is not stored: a colleague loading the same text sees the same.
    await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe("saved");
    const colleague = await person(server, "Tomás");
    await openDocument(colleague, id);
    expect(await editorText(colleague)).toBe(`${ENGLISH}\n${ARABIC}`);
    expect(await paragraphDirections(colleague)).toEqual(["ltr", "rtl"]);
  });

  it("switches the interface to Spanish, and html lang follows", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "Intervención sobre el artículo 5", "intervention");
    const page = await person(server, "Tomás");
    await openDocument(page, id);
    expect(await htmlLang(page)).toBe("en");
    expect(await statusText(page)).toBe("All changes saved");
    expect(await page.getByRole("link", { name: "All documents" }).count()).toBe(1);

    await page.getByRole("banner").getByRole("combobox", { name: "Language" }).selectOption("es");
    await expect.poll(() => statusText(page), { timeout: 10_000 }).toBe("Todos los cambios guardados");
    expect(await htmlLang(page)).toBe("es");
    expect(await page.getByRole("link", { name: "Todos los documentos" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "All documents" }).count()).toBe(0);
    // The text of the document is the delegation's, not the interface's: untouched.
    expect(await page.getByTestId("document-title").textContent()).toBe("Intervención sobre el artículo 5");
    // The text's language is the one it is delivered in (its settings), not the interface's.
    expect(await page.locator(".ProseMirror").getAttribute("lang")).toBe("en");

    // The choice is remembered on this device.
    await page.reload();
    await expect.poll(() => statusText(page), { timeout: 20_000 }).toBe("Todos los cambios guardados");
    expect(await htmlLang(page)).toBe("es");
    await page.getByRole("banner").getByRole("combobox", { name: "Idioma" }).selectOption("en");
    await expect.poll(() => statusText(page), { timeout: 10_000 }).toBe("All changes saved");
    expect(await htmlLang(page)).toBe("en");
  });

  it("speaks Arabic right to left, fetching only the catalogue of the language in use", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "مداخلة بشأن المادة 5", "intervention");
    const page = await person(server, "Layla");
    const catalogues: string[] = [];
    page.on("request", (request) => {
      const name = new URL(request.url()).pathname.match(/^\/assets\/(ar|zh|en|fr|ru|es)-[\w-]+\.js$/)?.[1];
      if (name) catalogues.push(name);
    });
    await openDocument(page, id);
    expect(await page.evaluate(() => document.documentElement.dir)).not.toBe("rtl");

    await page.getByRole("banner").getByRole("combobox", { name: "Language" }).selectOption("ar");
    await expect.poll(() => statusText(page), { timeout: 10_000 }).toBe(sentence("ar", "status.saved"));
    expect(await htmlLang(page)).toBe("ar");
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    expect(await page.getByRole("link", { name: sentence("ar", "document.backToList") }).count()).toBe(1);

    // A fresh load in Arabic fetches the Arabic sentences and no others.
    catalogues.length = 0;
    await page.reload();
    await expect.poll(() => statusText(page), { timeout: 20_000 }).toBe(sentence("ar", "status.saved"));
    expect(catalogues).toEqual(["ar"]);
  });
});
