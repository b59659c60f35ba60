import { describe, expect, it } from "vitest";
import { memberOf } from "../support/accounts.js";
import { openDocument, useBrowser } from "../support/browser.js";
import { createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();

/** Issue 14's phone: 360 × 740 CSS pixels; its laptop, 1366 × 768. */
const PHONE = { width: 360, height: 740 };
const LAPTOP = { width: 1366, height: 768 };
/** Issue 14: on the laptop the text starts within the top 220 px. */
const LAPTOP_TEXT_WITHIN = 220;

describe("a document on a phone and on a laptop", () => {
  it("shows its first line of text on the first screen, under a toolbar of one row", async () => {
    const server = await servers.shared();
    const { id, workspaceId } = await createDocument(server, "Intervention on agenda item 4", "intervention");
    // Three colleagues in the document too: their avatars must not push the header onto a second row.
    for (const name of ["Diego Ruiz", "Amina Diallo", "Chen Wei"]) {
      const colleague = await memberOf(server, name);
      const reported = await fetch(`${server.url}/api/workspaces/${workspaceId}/presence`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: server.url, cookie: colleague.cookie },
        body: JSON.stringify({
          connectionId: `phone-test-${name.replaceAll(" ", "-")}`,
          documentId: id,
          status: "remote",
          timeZone: "UTC",
        }),
      });
      expect(reported.ok).toBe(true);
    }
    const page = await person(server, "Phone reader", { phone: PHONE });
    await openDocument(page, id);
    await expect.poll(() => page.getByTestId("presence-avatar").count(), { timeout: 15_000 }).toBe(3);
    const layout = await page.evaluate(() => {
      const first = document.querySelector(".ProseMirror > *") as HTMLElement;
      const toolbar = document.querySelector('[role="toolbar"]') as HTMLElement;
      const header = document.querySelector(".app-header") as HTMLElement;
      const tool = toolbar.querySelector("button") as HTMLElement;
      return {
        firstLine: Math.round(first.getBoundingClientRect().top),
        header: Math.round(header.getBoundingClientRect().height),
        toolbarRows: Math.round(toolbar.getBoundingClientRect().height / tool.getBoundingClientRect().height),
        pageWidth: document.documentElement.scrollWidth,
        // The document's header in one row: as tall as its menu button, give or take.
        documentHeaderRows: Math.round(
          (document.querySelector(".document-header") as HTMLElement).getBoundingClientRect().height /
            (document.querySelector('[data-testid="document-menu"]') as HTMLElement).getBoundingClientRect()
              .height,
        ),
        // An editor's speaking time: at the toolbar's end, in its row, on the screen.
        speaking: (() => {
          const meter = document.querySelector(".toolbar-row .speaking-meter") as HTMLElement | null;
          if (!meter) return null;
          const box = meter.getBoundingClientRect();
          const row = toolbar.getBoundingClientRect();
          return {
            inRow: box.top >= row.top - 1 && box.bottom <= row.bottom + 1,
            onScreen: box.left >= 0 && box.right <= window.innerWidth,
            text: meter.textContent ?? "",
          };
        })(),
        // The header's first row: back, title and menu side by side.
        titleRow: [".back-link", '[data-testid="document-title"]', '[data-testid="document-menu"]'].map(
          (selector) => {
            const box = (document.querySelector(selector) as HTMLElement).getBoundingClientRect();
            return Math.round(box.top + box.height / 2);
          },
        ),
        // Every control of the header and the bars over the text, as big as a finger needs (44 × 44 px).
        smallTargets: [
          ...document.querySelectorAll(
            ".document-header :is(a, button, summary, select), [role='toolbar'] :is(button, select), .review-bar button",
          ),
        ]
          .map((control) => ({ control, box: control.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
          .map(
            ({ control, box }) =>
              `${control.textContent?.trim() || control.getAttribute("aria-label")} ${Math.round(box.width)}×${Math.round(box.height)}`,
          ),
      };
    });
    console.log(
      `phone 360 × 740: header ${layout.header} px, document header ${layout.documentHeaderRows} row(s), toolbar ${layout.toolbarRows} row(s), ` +
        `first line of text at y = ${layout.firstLine}, page ${layout.pageWidth} px wide`,
    );
    expect(layout.firstLine).toBeLessThan(PHONE.height);
    expect(layout.toolbarRows).toBe(1);
    expect(layout.documentHeaderRows).toBe(1);
    expect(layout.speaking).toMatchObject({
      inRow: true,
      onScreen: true,
      text: expect.stringMatching(/\d:\d\d/),
    });
    expect(await page.locator(".document-header .speaking-bar").count()).toBe(0);
    expect(Math.max(...layout.titleRow) - Math.min(...layout.titleRow)).toBeLessThanOrEqual(4);
    expect(layout.smallTargets).toEqual([]);
    // Nothing wider than the phone: no sideways scrolling of the page.
    expect(layout.pageWidth).toBeLessThanOrEqual(PHONE.width);

    // The comments and the suggestions are a sheet over the text, opened from the header, closed by Escape.
    const comments = page.getByTestId("comments-panel");
    const suggestions = page.locator("#document-side").getByTestId("suggestions-panel");
    expect(await comments.isVisible()).toBe(false);
    expect(await page.getByTestId("suggestions-panel").isVisible()).toBe(false);
    await page.getByTestId("sheet-toggle").click();
    await comments.waitFor({ state: "visible" });
    await suggestions.waitFor({ state: "visible" });
    const sheet = await page.evaluate(() => {
      const side = document.getElementById("document-side") as HTMLElement;
      const box = side.getBoundingClientRect();
      return {
        position: getComputedStyle(side).position,
        bottom: Math.round(box.bottom),
        width: Math.round(box.width),
      };
    });
    expect(sheet).toEqual({ position: "fixed", bottom: PHONE.height, width: PHONE.width });
    await comments.getByRole("checkbox").first().focus();
    await page.keyboard.press("Escape");
    await expect.poll(() => comments.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
      "sheet-toggle",
    );
  });

  it("on a laptop, puts the header in one row, the text near the top and the comments beside it", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(
      server,
      "Joint statement on the draft convention, Article 17",
      "statement",
    );
    const page = await person(server, "Laptop drafter");
    await page.setViewportSize(LAPTOP);
    await openDocument(page, id);
    await page.getByTestId("comments-panel").waitFor({ state: "visible" });
    const layout = await page.evaluate(() => {
      const box = (selector: string) =>
        (document.querySelector(selector) as HTMLElement).getBoundingClientRect();
      const toolbar = document.querySelector('[role="toolbar"]') as HTMLElement;
      const tool = toolbar.querySelector("button") as HTMLElement;
      const header = box(".document-header");
      const menu = box('[data-testid="document-menu"]');
      return {
        firstLine: Math.round(box(".ProseMirror > *").top),
        headerRows: Math.round(header.height / menu.height),
        toolbarRows: Math.round(toolbar.getBoundingClientRect().height / tool.getBoundingClientRect().height),
        text: box(".editor"),
        comments: box('[data-testid="comments-panel"]'),
        title: (document.querySelector('[data-testid="document-title"]') as HTMLElement).title,
      };
    });
    console.log(
      `laptop 1366 × 768: header ${layout.headerRows} row(s), toolbar ${layout.toolbarRows} row(s), first line of text at y = ${layout.firstLine}`,
    );
    expect(layout.firstLine).toBeLessThanOrEqual(LAPTOP_TEXT_WITHIN);
    expect(layout.headerRows).toBe(1);
    expect(layout.toolbarRows).toBe(1);
    // The comments beside the text, not above or below it.
    expect(layout.comments.left).toBeGreaterThanOrEqual(layout.text.right);
    expect(layout.comments.top).toBeLessThan(layout.text.bottom);
    // A title cut short by the row keeps its whole text as a tooltip.
    expect(layout.title).toBe("Joint statement on the draft convention, Article 17");

    // The actions not in the row are one press away, and Escape closes the menu back onto its button.
    await page.getByTestId("document-menu").click();
    await page.getByTestId("versions-open").waitFor({ state: "visible" });
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByTestId("versions-open").isVisible()).toBe(false);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("document-menu");
  });
});
