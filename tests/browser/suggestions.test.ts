import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openDocument, saveState, textsOf, typeAtEnd, useBrowser } from "../support/browser.js";
import { createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();
const TEXT = "The States shall always protect defenders.";

/** The text itself, without suggested insertions or the words read to screen readers. */
async function baseText(page: Page): Promise<string> {
  return (await textsOf(page, ":scope > *", ".suggestion-inserted, .visually-hidden")).join("\n");
}

/** Visible text of the editor's elements matching `selector` (screen-reader words left out). */
function marked(page: Page, selector: string): Promise<string[]> {
  return textsOf(page, selector, ".visually-hidden");
}

async function press(page: Page, key: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

describe("suggested edits", () => {
  it("a commenter suggests live, an editor accepts one and rejects the other, and sees who wrote what", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "Joint statement on Article 5");
    const bea = await person(server, "Bea", { role: "editor" });
    const ana = await person(server, "Ana", { role: "commenter" });
    const refused: string[] = [];
    ana.on("console", (message) => {
      if (/permission denied/i.test(message.text())) refused.push(message.text());
    });

    await openDocument(bea, id);
    await typeAtEnd(bea, TEXT);
    await expect.poll(() => saveState(bea), { timeout: 20_000 }).toBe("saved");
    expect(await baseText(bea)).toBe(TEXT);
    await openDocument(ana, id);
    await expect.poll(() => baseText(ana), { timeout: 15_000 }).toBe(TEXT);
    await ana.getByTestId("suggest-only-banner").waitFor();
    expect(await ana.getByTestId("suggest-mode").getAttribute("data-mode")).toBe("suggesting");
    expect(await ana.getByTestId("suggest-toggle").count()).toBe(0);

    // A first suggestion, withdrawn by its author: later ones must still get through.
    await typeAtEnd(ana, " Now.");
    const anaPanel = ana.getByTestId("suggestions-panel");
    await anaPanel.getByTestId("suggestion-item").filter({ hasText: "insert ‘ Now.’" }).waitFor();
    await anaPanel.getByTestId("suggestion-reject").click();
    await expect.poll(() => anaPanel.getByTestId("suggestion-item").count()).toBe(0);

    // A deletion by Backspace (seven keys, one suggestion), then an insertion by typing.
    // Into the text's first line (a click on the empty area lands beside Bea's caret label).
    await ana
      .locator(".ProseMirror p")
      .first()
      .click({ position: { x: 2, y: 8 } });
    await ana.keyboard.press("Home");
    await press(ana, "ArrowRight", "The States shall always ".length);
    await ana.keyboard.press("Backspace");
    await press(ana, "Backspace", "always ".length - 1);
    await ana.keyboard.press("Home");
    await press(ana, "ArrowRight", "The ".length);
    await ana.keyboard.type("Member ", { delay: 20 });

    // Bea sees both live, in Ana's name; the text itself has not changed for anyone.
    await expect.poll(() => marked(bea, ".suggestion-inserted"), { timeout: 15_000 }).toEqual(["Member "]);
    await expect.poll(() => marked(bea, ".suggestion-deleted"), { timeout: 15_000 }).toEqual(["always "]);
    expect(await bea.locator(".suggestion-inserted").getAttribute("data-suggestion-author")).toBe("Ana");
    expect(await bea.locator(".suggestion-inserted").getAttribute("title")).toBe(
      "Suggested by Ana: insert ‘Member ’",
    );
    expect(await bea.locator(".suggestion-deleted").getAttribute("title")).toBe(
      "Suggested by Ana: delete ‘always ’",
    );
    expect(await baseText(bea)).toBe(TEXT);
    expect(await baseText(ana)).toBe(TEXT);
    await expect.poll(() => saveState(ana), { timeout: 20_000 }).toBe("saved");
    expect(refused).toEqual([]);

    // Bea accepts the insertion and rejects the deletion.
    const panel = bea.getByTestId("suggestions-panel");
    const items = panel.getByTestId("suggestion-item");
    await expect.poll(() => items.count()).toBe(2);
    // In document order: the insertion comes first.
    expect(await items.allTextContents()).toEqual([
      expect.stringContaining("Suggested by Ana: insert ‘Member ’"),
      expect.stringContaining("Suggested by Ana: delete ‘always ’"),
    ]);
    await items.filter({ hasText: "insert ‘Member ’" }).getByTestId("suggestion-accept").click();
    await items.filter({ hasText: "delete ‘always ’" }).getByTestId("suggestion-reject").click();
    const result = "The Member States shall always protect defenders.";
    await expect.poll(() => baseText(bea), { timeout: 15_000 }).toBe(result);
    await expect.poll(() => baseText(ana), { timeout: 15_000 }).toBe(result);
    await expect.poll(() => items.count()).toBe(0);
    await expect.poll(() => ana.locator(".suggestion-inserted, .suggestion-deleted").count()).toBe(0);
    await expect.poll(() => saveState(bea), { timeout: 20_000 }).toBe("saved");

    // Ctrl+Z takes the accept back, suggestion included, for everyone; redo applies it again.
    await bea
      .locator(".ProseMirror p")
      .first()
      .click({ position: { x: 2, y: 8 } });
    await bea.keyboard.press("Control+z");
    await expect.poll(() => baseText(ana), { timeout: 15_000 }).toBe(TEXT);
    await expect.poll(() => marked(ana, ".suggestion-inserted"), { timeout: 15_000 }).toEqual(["Member "]);
    expect(await items.count()).toBe(1);
    await bea.keyboard.press("Control+Shift+z");
    await expect.poll(() => baseText(ana), { timeout: 15_000 }).toBe(result);
    await expect.poll(() => items.count()).toBe(0);
    await expect.poll(() => saveState(bea), { timeout: 20_000 }).toBe("saved");

    // An editor suggests too, by the shortcut, and accepts all of hers at once.
    await bea.keyboard.press("Control+Alt+Shift+X");
    await expect.poll(() => bea.getByTestId("suggest-mode").getAttribute("data-mode")).toBe("suggesting");
    await typeAtEnd(bea, " Now");
    await expect.poll(() => marked(ana, ".suggestion-inserted"), { timeout: 15_000 }).toEqual([" Now"]);
    expect(await baseText(bea)).toBe(result);
    await panel.getByTestId("suggestion-accept-all").filter({ hasText: "Accept all by Bea" }).click();
    await expect.poll(() => baseText(ana), { timeout: 15_000 }).toBe(`${result} Now`);
    await bea.getByTestId("suggest-toggle").click();
    expect(await bea.getByTestId("suggest-mode").getAttribute("data-mode")).toBe("editing");
    await expect.poll(() => saveState(bea), { timeout: 20_000 }).toBe("saved");

    // Who wrote what: everything, the accepted words too, is Bea's (she applied them).
    await bea.getByTestId("authorship-toggle").click();
    const legend = bea.getByTestId("authorship-legend");
    await expect
      .poll(() =>
        legend
          .getByTestId("authorship-author")
          .evaluateAll((rows) => rows.map((row) => row.dataset.userName)),
      )
      .toEqual(["Bea"]);
    const authored = await bea
      .locator(".ProseMirror .authored")
      .evaluateAll((spans) => spans.map((span) => [span.getAttribute("data-author"), span.textContent]));
    expect(authored.every(([author]) => author === "Bea")).toBe(true);
    expect(authored.map(([, text]) => text).join("")).toBe(`${result} Now`);
  });

  it("lists a suggestion whose text was deleted since as changed, and its author withdraws it", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "Sign-on letter");
    const bea = await person(server, "Bea", { role: "editor" });
    const ana = await person(server, "Ana", { role: "commenter" });
    await openDocument(bea, id);
    await typeAtEnd(bea, TEXT);
    await openDocument(ana, id);
    await expect.poll(() => baseText(ana), { timeout: 15_000 }).toBe(TEXT);

    // Ana strikes the last word; Bea, editing, then deletes the whole text.
    await typeAtEnd(ana, "");
    await press(ana, "Backspace", "defenders.".length);
    await expect.poll(() => marked(bea, ".suggestion-deleted"), { timeout: 15_000 }).toEqual(["defenders."]);
    await bea
      .locator(".ProseMirror p")
      .first()
      .click({ position: { x: 2, y: 8 } });
    await bea.keyboard.press("ControlOrMeta+A");
    await bea.keyboard.press("Backspace");
    await expect.poll(() => baseText(ana), { timeout: 15_000 }).toBe("");

    // Nothing is struck through any more; both see it listed apart, and only Ana may withdraw it.
    const stale = ana.getByTestId("suggestions-stale").getByTestId("suggestion-item");
    await expect.poll(() => stale.count(), { timeout: 15_000 }).toBe(1);
    expect(await ana.locator(".suggestion-deleted").count()).toBe(0);
    const beasStale = bea.getByTestId("suggestions-stale").getByTestId("suggestion-item");
    await expect.poll(() => beasStale.count(), { timeout: 15_000 }).toBe(1);
    expect(await beasStale.getByTestId("suggestion-accept").count()).toBe(0);
    await stale.getByTestId("suggestion-reject").click();
    await expect.poll(() => beasStale.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => saveState(ana), { timeout: 20_000 }).toBe("saved");
  });

  it("suggests what an input method commits, not each step of its composition, and nothing past the limits", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "Nota");
    const bea = await person(server, "Bea", { role: "editor" });
    const ana = await person(server, "Ana", { role: "commenter" });
    await openDocument(bea, id);
    await typeAtEnd(bea, "Hello world.");
    await openDocument(ana, id);
    await expect.poll(() => baseText(ana), { timeout: 15_000 }).toBe("Hello world.");

    // As a phone keyboard or a Chinese IME types: a composition updated key by key, then committed.
    await typeAtEnd(ana, "");
    const ime = await ana.context().newCDPSession(ana);
    for (const step of ["n", "ni", "nih", "niha", "nihao"]) {
      await ime.send("Input.imeSetComposition", {
        text: step,
        selectionStart: step.length,
        selectionEnd: step.length,
      });
    }
    await ime.send("Input.insertText", { text: "你好" });
    await expect.poll(() => marked(bea, ".suggestion-inserted"), { timeout: 15_000 }).toEqual(["你好"]);
    expect(await marked(ana, ".suggestion-inserted")).toEqual(["你好"]);
    expect(await baseText(ana)).toBe("Hello world.");

    // Past what the server takes (10,000 characters), nothing is sent and Ana is told; later suggestions still go.
    await ime.send("Input.insertText", { text: "x".repeat(10_001) });
    await ana.getByTestId("suggest-refusal").waitFor();
    expect(await ana.getByTestId("suggest-refusal").textContent()).toContain("too long");
    await ana.keyboard.type(" ok", { delay: 20 });
    await expect.poll(() => marked(bea, ".suggestion-inserted"), { timeout: 15_000 }).toEqual(["你好 ok"]);
    expect(await ana.getByTestId("suggest-refusal").count()).toBe(0);
  });
});
