import { describe, expect, it } from "vitest";
import { editorText, openDocument, selectText, textsOf, typeAtEnd, useBrowser } from "../support/browser.js";
import { createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();

describe("rich text editing", () => {
  it("formats with the keyboard, reaches the other person formatted, and undoes only one's own edits", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Formatting", "statement");
    const writer = await person(server, "Writer");
    const reader = await person(server, "Reader");
    const warnings: string[] = [];
    writer.on("console", (message) => {
      if (message.type() === "warning") warnings.push(message.text());
    });
    await openDocument(writer, id);
    await openDocument(reader, id);

    // A heading, a bold word and a bullet list, all from the keyboard.
    await typeAtEnd(writer, "Article 5");
    await writer.keyboard.press("Control+Alt+1");
    await writer.keyboard.press("End");
    await writer.keyboard.press("Enter");
    await writer.keyboard.type("We ");
    await writer.keyboard.press("Control+b");
    await writer.keyboard.type("oppose");
    await writer.keyboard.press("Control+b");
    await writer.keyboard.type(" it.");
    await writer.keyboard.press("Enter");
    await writer.keyboard.type("- first point");

    await expect.poll(() => textsOf(reader, "h1"), { timeout: 15_000 }).toEqual(["Article 5"]);
    await expect.poll(() => textsOf(reader, "strong"), { timeout: 15_000 }).toEqual(["oppose"]);
    await expect.poll(() => textsOf(reader, "ul li"), { timeout: 15_000 }).toEqual(["first point"]);

    // An address typed in the text becomes a link, for the reader too.
    await writer.keyboard.type(", see https://www.ohchr.org ");
    await expect
      .poll(
        () =>
          reader
            .locator(".ProseMirror a")
            .getAttribute("href", { timeout: 1_000 })
            .catch(() => null),
        {
          timeout: 15_000,
        },
      )
      .toBe("https://www.ohchr.org");

    // The reader's own sentence survives the writer's undo: undo is per person.
    await typeAtEnd(reader, " Reader's words.");
    await expect.poll(() => editorText(writer), { timeout: 15_000 }).toContain("Reader's words.");
    await writer.locator(".ProseMirror").click();
    for (let i = 0; i < 30; i++) await writer.keyboard.press("Control+z");
    await expect.poll(() => editorText(reader), { timeout: 15_000 }).not.toContain("oppose");
    expect(await editorText(reader)).toContain("Reader's words.");
    expect(await editorText(writer)).toBe(await editorText(reader));

    // The toolbar is one stop for Tab; the arrows, Home and End move within it.
    const toolbar = writer.getByRole("toolbar");
    const focused = () =>
      writer.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    const stops = await toolbar.evaluate(
      (bar) =>
        [...bar.querySelectorAll("button, select")].filter((c) => (c as HTMLElement).tabIndex === 0).length,
    );
    expect(stops).toBe(1);
    await toolbar.locator("select").focus();
    await writer.keyboard.press("ArrowRight");
    expect(await focused()).toBe("Bold");
    await writer.keyboard.press("ArrowRight");
    expect(await focused()).toBe("Italic");
    await writer.keyboard.press("ArrowLeft");
    await writer.keyboard.press("ArrowLeft");
    expect(await focused()).toBe("block-type");
    await writer.keyboard.press("End");
    // Everything of the writer's was undone: Redo is the last enabled control.
    expect(await focused()).toBe("Redo");
    await writer.keyboard.press("Home");
    expect(await focused()).toBe("block-type");

    // Back to the list and into the document again, as the app's own links do: the
    // editor mounts a second time without a warning from Tiptap.
    await writer.evaluate(() => {
      history.pushState(null, "", "/");
      dispatchEvent(new PopStateEvent("popstate"));
    });
    await writer.locator(".ProseMirror").waitFor({ state: "detached" });
    await writer.goBack();
    await writer.locator(".ProseMirror").waitFor({ state: "visible" });
    await expect.poll(() => editorText(writer), { timeout: 15_000 }).toContain("Reader's words.");
    expect(warnings.filter((warning) => warning.includes("[tiptap"))).toEqual([]);
  });

  it("links an address when typed, pasted or set in the toolbar, and never a script", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Links", "statement");
    const writer = await person(server, "Writer");
    await openDocument(writer, id);
    const links = () =>
      writer
        .locator(".ProseMirror a")
        .evaluateAll((anchors) => anchors.map((a) => [a.textContent, a.getAttribute("href")]));
    /** Pastes as a page outside the editor would: plain text, or HTML with its text. */
    const paste = (text: string, html?: string) =>
      writer.locator(".ProseMirror").evaluate(
        (editor, [plain, markup]) => {
          const data = new DataTransfer();
          data.setData("text/plain", plain ?? "");
          if (markup) data.setData("text/html", markup);
          editor.dispatchEvent(
            new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
          );
        },
        [text, html] as const,
      );

    // Typed, then Enter: the address without the sentence's full stop, over https for www.
    await typeAtEnd(writer, "The Council www.ohchr.org.");
    await writer.keyboard.press("Enter");
    await expect.poll(links, { timeout: 10_000 }).toEqual([["www.ohchr.org", "https://www.ohchr.org"]]);

    // Set from the toolbar on the selected words, then taken off again.
    await selectText(writer, "The Council");
    await writer.getByRole("button", { name: "Link", exact: true }).click();
    await writer.getByLabel("Link address").fill("un.org/en/about-us");
    await writer.keyboard.press("Enter");
    await expect.poll(links, { timeout: 10_000 }).toEqual([
      ["The Council", "https://un.org/en/about-us"],
      ["www.ohchr.org", "https://www.ohchr.org"],
    ]);
    await selectText(writer, "Council");
    await writer.getByRole("button", { name: "Link", exact: true }).click();
    await writer.getByRole("button", { name: "Remove link" }).click();
    await expect.poll(links, { timeout: 10_000 }).toEqual([["www.ohchr.org", "https://www.ohchr.org"]]);

    // Pasted over the selected word: the word becomes the link.
    await selectText(writer, "Council");
    await paste("https://www.ungeneva.org/en");
    await expect.poll(links, { timeout: 10_000 }).toEqual([
      ["Council", "https://www.ungeneva.org/en"],
      ["www.ohchr.org", "https://www.ohchr.org"],
    ]);

    // Pasted into the text: the address is linked; a script link from a web page is only text.
    await typeAtEnd(writer, "See ");
    await paste("https://www.un.org/en/ as quoted");
    await typeAtEnd(writer, " and ");
    await paste("click here", '<a href="javascript:alert(1)">click here</a>');
    await expect.poll(() => editorText(writer), { timeout: 10_000 }).toContain("and click here");
    expect(await links()).toEqual([
      ["Council", "https://www.ungeneva.org/en"],
      ["www.ohchr.org", "https://www.ohchr.org"],
      ["https://www.un.org/en/", "https://www.un.org/en/"],
    ]);

    // A click in the editor places the caret; it opens nothing.
    const pages = writer.context().pages().length;
    await writer.locator(".ProseMirror a", { hasText: "Council" }).click();
    await writer.waitForTimeout(500);
    expect(writer.context().pages()).toHaveLength(pages);
    expect(new URL(writer.url()).pathname).toBe(`/d/${id}`);
  });
});
