import { DOCUMENT_FIELD } from "@caucus/shared";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { useBrowser } from "../support/browser.js";
import { connectClient, createDocument, waitFor, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { type SlowLink, startSlowLink } from "../support/slowLink.js";

const servers = useServers();
const { person } = useBrowser();

/** The remote member's link of issue 14: 400 kbps each way, 400 ms round trip. */
const PHONE_LINK = { bitsPerSecond: 400_000, roundTripMs: 400 };

/** Issue 14's targets on that link. */
const PAINTED_WITHIN_MS = 2_500;
const REPEAT_EDITABLE_WITHIN_MS = 1_500;
const MAX_LAYOUT_SHIFT = 0.1;
/**
 * Issue 14's target is editable within 6 s: 5.7 s measured here through the
 * proxy, 5.6 s under CDP (docs/PERFORMANCE.md). The bound keeps 0.5 s for a
 * CI machine slower to parse and run the code than this one; past it the
 * first load has slid back (it took 25 s before issue 14, 9.4 s before
 * Preact, 7.6 s before the session opened at start-up).
 */
const EDITABLE_CEILING_MS = 6_500;

const PARAGRAPHS = Array.from(
  { length: 12 },
  (_, i) =>
    `Paragraph ${i + 1}. The coalition welcomes the draft and asks that the text on financing, ` +
    "technology transfer and the participation of civil society be kept, with a clear review in two years.",
);

let link: SlowLink | undefined;
afterEach(async () => {
  await link?.close();
  link = undefined;
});

/** Milliseconds from `start` until `ready` holds in the page. */
async function until(start: number, ready: () => Promise<boolean>): Promise<number> {
  await expect.poll(ready, { timeout: 60_000, interval: 50 }).toBe(true);
  return Math.round(performance.now() - start);
}

describe("a document's first load on a phone's link (400 kbps, 400 ms)", () => {
  it("paints at once, opens the text without shifting the layout, and a repeat visit is fast", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "Statement on agenda item 4", "statement");
    const writer = connectClient(server, id);
    await waitForSynced(writer.provider);
    const fragment = writer.ydoc.getXmlFragment(DOCUMENT_FIELD);
    writer.ydoc.transact(() => {
      fragment.insert(
        0,
        PARAGRAPHS.map((text) => {
          const paragraph = new Y.XmlElement("paragraph");
          paragraph.insert(0, [new Y.XmlText(text)]);
          return paragraph;
        }),
      );
    });
    await waitFor(() => writer.provider.synced, { message: "seed synced" });
    writer.destroy();

    link = await startSlowLink(server.port, PHONE_LINK);
    const page = await person(server, "Remote member", { via: link });
    const last = PARAGRAPHS.at(-1) as string;
    const title = page.getByTestId("document-title");
    const editable = async () =>
      page.evaluate((lastParagraph) => {
        const editor = document.querySelector(".ProseMirror");
        return (
          editor?.getAttribute("contenteditable") === "true" && !!editor.textContent?.includes(lastParagraph)
        );
      }, last);

    // Layout shift (CLS) as Chromium reports it: every shift not caused by input, summed.
    await page.addInitScript(() => {
      const shifts = { total: 0, log: [] as string[] };
      (window as unknown as { __layoutShift: typeof shifts }).__layoutShift = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
        })[])
          if (!entry.hadRecentInput) {
            shifts.total += entry.value;
            const sources = (
              (
                entry as unknown as {
                  sources?: { node?: Node; previousRect: DOMRect; currentRect: DOMRect }[];
                }
              ).sources ?? []
            ).map(
              (source) =>
                `${source.node instanceof Element ? `${source.node.tagName}.${source.node.className}` : source.node?.nodeName} ${Math.round(source.previousRect.y)}→${Math.round(source.currentRect.y)} h${Math.round(source.previousRect.height)}→${Math.round(source.currentRect.height)}`,
            );
            shifts.log.push(
              `${Math.round(entry.startTime)}ms ${entry.value.toFixed(3)} ${sources.join("; ")}`,
            );
          }
      }).observe({ type: "layout-shift", buffered: true });
    });
    // The session opened at start-up is the one the editor uses: one socket, not two.
    const sockets: string[] = [];
    page.on("websocket", (socket) => sockets.push(new URL(socket.url()).pathname));
    link.reset();
    const start = performance.now();
    void page.goto(`/d/${id}`, { waitUntil: "commit" }).catch(() => {});
    // Something useful: the skeleton index.html paints at once, or the app with the document's title.
    const painted = await until(start, () =>
      page
        .evaluate(() => {
          const shown = (element: Element | null) => !!element && (element as HTMLElement).offsetHeight > 0;
          return (
            shown(document.querySelector("[data-boot-skeleton]")) ||
            shown(document.querySelector('[data-testid="document-title"]'))
          );
        })
        .catch(() => false),
    );
    const shell = await until(start, async () => (await title.count()) > 0 && (await title.isVisible()));
    const ready = await until(start, editable);
    const layoutShift = await page.evaluate(
      () => (window as unknown as { __layoutShift: { total: number } }).__layoutShift.total,
    );
    console.log(
      await page.evaluate(() =>
        (window as unknown as { __layoutShift: { log: string[] } }).__layoutShift.log.join("\n"),
      ),
    );
    expect(sockets).toEqual([`/sync/${id}`]);
    const firstBytes = link.received;
    const firstSent = link.sent;
    const firstConnections = link.connections;

    // The repeat visit: the service worker and the HTTP cache have what they kept.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.waitForTimeout(3_000);
    await page.goto("about:blank");
    link.reset();
    const again = performance.now();
    void page.goto(`/d/${id}`, { waitUntil: "commit" }).catch(() => {});
    const repeat = await until(again, editable);
    console.log(
      `first load on the phone's link: painted ${painted} ms, title ${shell} ms, editable ${ready} ms, ` +
        `layout shift ${layoutShift.toFixed(3)}, ` +
        `${(firstBytes / 1024).toFixed(1)} KiB received, ${(firstSent / 1024).toFixed(1)} KiB sent, ` +
        `${firstConnections} connections; repeat visit editable ${repeat} ms, ${(link.received / 1024).toFixed(1)} KiB received`,
    );
    expect(painted).toBeLessThanOrEqual(PAINTED_WITHIN_MS);
    expect(layoutShift).toBeLessThan(MAX_LAYOUT_SHIFT);
    expect(ready).toBeLessThanOrEqual(EDITABLE_CEILING_MS);
    expect(repeat).toBeLessThanOrEqual(REPEAT_EDITABLE_WITHIN_MS);

    // The same first load under Chromium's own emulation (CDP): it delays
    // each request rather than each connection and does not slow a service
    // worker's fetches, so it is the second opinion, held to the same bounds.
    const emulated = await person(server, "Remote member on CDP");
    const cdp = await emulated.context().newCDPSession(emulated);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: PHONE_LINK.roundTripMs,
      downloadThroughput: PHONE_LINK.bitsPerSecond / 8,
      uploadThroughput: PHONE_LINK.bitsPerSecond / 8,
    });
    const cdpStart = performance.now();
    void emulated.goto(`/d/${id}`, { waitUntil: "commit" }).catch(() => {});
    const cdpReady = await until(cdpStart, () =>
      emulated.evaluate((lastParagraph) => {
        const editor = document.querySelector(".ProseMirror");
        return (
          editor?.getAttribute("contenteditable") === "true" && !!editor.textContent?.includes(lastParagraph)
        );
      }, last),
    );
    console.log(`first load under CDP's emulation of the same link: editable ${cdpReady} ms`);
    expect(cdpReady).toBeLessThanOrEqual(EDITABLE_CEILING_MS);
  });
});
