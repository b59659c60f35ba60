import type { TRole } from "@caucus/shared";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { memberOf, type TestAccount } from "./accounts.js";
import { openChromium } from "./chromium.js";
import type { ServerAddress } from "./clients.js";
import { type NetProxy, startNetProxy } from "./netProxy.js";

/** How a person reaches the server and who they are. */
export interface PersonOptions {
  /** Browse through this proxy (a network the test can cut) instead of directly. */
  via?: Pick<NetProxy, "url">;
  /** Their role in the default account's workspace; editor unless said. */
  role?: TRole;
  /** Sign in as this existing account instead of a new member. */
  account?: TestAccount;
  /** No account at all: a signed-out visitor. */
  signedOut?: boolean;
  /** A phone's screen and touch, instead of the default desktop window. */
  phone?: { width: number; height: number };
}

/** What a browser test file gets from {@link useBrowser}. */
export interface BrowserHarness {
  /** The Chromium shared by the file's tests. */
  browser(): Browser;
  /**
   * A person in their own browser profile, signed in: by default a new
   * account named `name` that joined the server's default workspace as
   * editor through an invitation.
   */
  person(server: ServerAddress, name: string, options?: PersonOptions): Promise<Page>;
  /** A network between browser and server that the test can cut; closed after the test. */
  network(targetPort: number): Promise<NetProxy>;
}

/**
 * Connects to the run's Chromium for the calling test file and closes, after each
 * test, every browser context and network proxy the test opened.
 */
export function useBrowser(): BrowserHarness {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const proxies: NetProxy[] = [];

  beforeAll(async () => {
    browser = await openChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  });

  const launched = (): Browser => {
    if (!browser)
      throw new Error("useBrowser(): Chromium is not launched yet (call it at the top of the file)");
    return browser;
  };

  return {
    browser: launched,
    async person(server, name, options = {}) {
      const baseUrl = options.via?.url ?? server.url;
      const context = await launched().newContext({
        baseURL: baseUrl,
        ...(options.phone
          ? { viewport: options.phone, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
          : {}),
      });
      contexts.push(context);
      if (!options.signedOut) {
        const account = options.account ?? (await memberOf(server, name, options.role ?? "editor"));
        // Cookies are per host, not per port: the same session works through the proxy.
        await context.addCookies(
          account.cookie.split("; ").map((pair) => {
            const [cookieName = "", ...value] = pair.split("=");
            return {
              name: cookieName,
              value: value.join("="),
              url: baseUrl,
              httpOnly: true,
              sameSite: "Lax" as const,
            };
          }),
        );
      }
      const page = await context.newPage();
      page.on("pageerror", (error) => console.error(`[${name}] page error:`, error));
      return page;
    },
    async network(targetPort) {
      const proxy = await startNetProxy(targetPort);
      proxies.push(proxy);
      return proxy;
    },
  };
}

/** Opens `/d/<id>` and waits until the editor shows and everything is saved. */
export async function openDocument(page: Page, id: string): Promise<void> {
  await page.goto(`/d/${id}`);
  await page.locator(".ProseMirror").waitFor({ state: "visible" });
  await expect.poll(() => saveState(page), { timeout: 20_000 }).toBe("saved");
}

/** The status line's state: saved | saving | offline | reconnecting | error. */
/** Takes one of the actions in a document's "More actions" menu (rename, versions, delivery settings, share), by its test id. */
export async function documentAction(page: Page, testId: string): Promise<void> {
  const item = page.getByTestId(testId);
  if (!(await item.isVisible())) await page.getByTestId("document-menu").click();
  await item.click();
}

export function saveState(page: Page): Promise<string | null> {
  return page.getByTestId("save-status").getAttribute("data-state");
}

/** Edits the status line counts as not yet stored on the server. */
export async function pendingEdits(page: Page): Promise<number> {
  return Number(await page.getByTestId("save-status").getAttribute("data-pending"));
}

/**
 * Texts of the editor's elements matching `selector`, without other
 * people's caret labels, nor what matches `without` (e.g. suggested
 * insertions and words only read to screen readers).
 */
export function textsOf(page: Page, selector: string, without?: string): Promise<string[]> {
  return page.locator(".ProseMirror").evaluate(
    (editor, [query, extra]) =>
      [...editor.querySelectorAll(query)]
        // A caret at the very start of the document sits between blocks, not in one.
        .filter((element) => !element.matches(".collaboration-carets__caret"))
        .map((element) => {
          const copy = element.cloneNode(true) as HTMLElement;
          const removed = [".collaboration-carets__caret", extra].filter(Boolean).join(", ");
          for (const caret of copy.querySelectorAll(removed)) caret.remove();
          return copy.textContent ?? "";
        }),
    [selector, without ?? ""] as const,
  );
}

/** The document's text, one line per top-level block. */
export async function editorText(page: Page): Promise<string> {
  return (await textsOf(page, ":scope > *")).join("\n");
}

/** Types at the end of the document, as a person clicking there would. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  const editor = page.locator(".ProseMirror");
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text, { delay: 15 });
}

/** Selects `text` in the editor as a person dragging over it would. */
export async function selectText(page: Page, text: string): Promise<void> {
  await page.locator(".ProseMirror").evaluate((editor, wanted) => {
    // Focused first: ProseMirror reads a selection made in a text it does not have the focus of
    // only when it gets the focus, and may put its own back then.
    (editor as HTMLElement).focus();
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in the editor`);
  }, text);
}
