import { describe, expect, it } from "vitest";
import { openDocument, useBrowser } from "../support/browser.js";
import { createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

const servers = useServers();
const { person } = useBrowser();

/** Issue 14's phone: 360 × 740 CSS pixels. */
const PHONE = { width: 360, height: 740 };

describe("a document on a phone", () => {
  it("shows its first line of text on the first screen, under a toolbar of one row", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "Intervention on agenda item 4", "intervention");
    const page = await person(server, "Phone reader", { phone: PHONE });
    await openDocument(page, id);
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
      };
    });
    console.log(
      `phone 360 × 740: header ${layout.header} px, toolbar ${layout.toolbarRows} row(s), ` +
        `first line of text at y = ${layout.firstLine}, page ${layout.pageWidth} px wide`,
    );
    expect(layout.firstLine).toBeLessThan(PHONE.height);
    expect(layout.toolbarRows).toBe(1);
    // Nothing wider than the phone: no sideways scrolling of the page.
    expect(layout.pageWidth).toBeLessThanOrEqual(PHONE.width);
  });
});
