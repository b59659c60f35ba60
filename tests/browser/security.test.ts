import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openDocument, typeAtEnd, useBrowser } from "../support/browser.js";
import { createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import type { TestServer } from "../support/server.js";

const servers = useServers();
const { person } = useBrowser();

/**
 * Scheme sources the policy may name, by directive. `ws:`/`wss:` let the
 * sync socket connect in browsers whose `'self'` does not cover WebSockets;
 * they also admit a socket to any host, which this test tolerates knowingly.
 */
const ALLOWED_SCHEMES: Record<string, string[]> = {
  "img-src": ["data:"],
};

/** A Content-Security-Policy header as directive → sources. */
function parsePolicy(header: string): Map<string, string[]> {
  const policy = new Map<string, string[]>();
  for (const part of header.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** Everything in a policy that lets a page load from or talk to anywhere but its own origin. */
function foreignSources(header: string): string[] {
  const foreign: string[] = [];
  for (const [directive, sources] of parsePolicy(header)) {
    for (const source of sources) {
      if (/^'[^']+'$/.test(source) && !/^'(nonce|sha)/.test(source)) continue; // 'self', 'none', ...
      if (ALLOWED_SCHEMES[directive]?.includes(source)) continue;
      foreign.push(`${directive} ${source}`);
    }
  }
  return foreign;
}

function expectStrictPolicy(where: string, header: string | null | undefined): void {
  expect(header, `${where} has no Content-Security-Policy`).toBeTruthy();
  const policy = parsePolicy(header ?? "");
  expect(policy.get("script-src"), where).toEqual(["'self'"]);
  expect(policy.get("default-src"), where).toEqual(["'self'"]);
  expect(policy.get("object-src"), where).toEqual(["'none'"]);
  expect(foreignSources(header ?? ""), where).toEqual([]);
}

/** Records what a browser profile fetches, which pages it is served, and every CSP complaint. */
async function watch(context: BrowserContext, page: Page) {
  const requests: string[] = [];
  const sockets: string[] = [];
  const htmlPolicies: Array<{ url: string; policy: string | undefined }> = [];
  const violations: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  context.on("response", async (response) => {
    const headers = await response.allHeaders();
    if (headers["content-type"]?.includes("text/html")) {
      htmlPolicies.push({ url: response.url(), policy: headers["content-security-policy"] });
    }
  });
  page.on("websocket", (socket) => sockets.push(socket.url()));
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  await context.exposeBinding("__reportCspViolation", (_source, text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return { requests, sockets, htmlPolicies, violations };
}

function ownOrigin(server: TestServer, url: string): boolean {
  return url.startsWith(`${server.url}/`) || url.startsWith("data:") || url.startsWith("blob:");
}

describe("what the browser is allowed to load", () => {
  it("every HTML page carries a strict Content-Security-Policy", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Sign-on letter", "letter");
    const pages = ["/", "/deleted", `/d/${id}`, "/d/not-a-document", "/no/such/page", "/index.html"];
    for (const path of [
      ...pages,
      "/sign-in",
      "/sign-up",
      "/invite",
      "/account",
      "/w/x/members",
      "/w/x/audit",
    ]) {
      const response = await fetch(server.url + path);
      expect(response.headers.get("content-type"), path).toContain("text/html");
      expectStrictPolicy(path, response.headers.get("content-security-policy"));
    }
  });

  it("the list and a document load only from the server's origin, with no CSP violation", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Analysis of the draft convention", "analysis");
    const page = await person(server, "Amina");
    const seen = await watch(page.context(), page);

    await page.goto("/");
    await page.getByTestId("document-row").waitFor({ state: "visible", timeout: 15_000 });
    await page.getByTestId("open-document").click();
    await page.locator(".ProseMirror").waitFor({ state: "visible", timeout: 15_000 });
    await typeAtEnd(page, "Bold claims, ");
    await page.keyboard.press("Control+b");
    await page.keyboard.type("in bold.", { delay: 15 });
    await page.keyboard.press("Control+b");
    await openDocument(page, id);
    await page.goto("/deleted");
    await page.waitForURL(/\/w\/[^/]+\/deleted$/);
    await page.locator(".empty").waitFor({ state: "visible", timeout: 15_000 });
    // Let the service worker's own fetches (install, asset caching) show up too.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

    // The recording worked: the app's code, its API and its socket were all seen.
    expect(seen.requests.some((url) => url.startsWith(`${server.url}/assets/`) && url.endsWith(".js"))).toBe(
      true,
    );
    expect(seen.requests.some((url) => /\/api\/workspaces\/[^/]+\/documents$/.test(url))).toBe(true);
    expect(seen.sockets.some((url) => url.startsWith(`${server.wsUrl}/${id}`))).toBe(true);
    expect(seen.requests.filter((url) => !ownOrigin(server, url))).toEqual([]);
    expect(seen.sockets.filter((url) => !url.startsWith(`${server.wsUrl}/`))).toEqual([]);

    expect(seen.htmlPolicies.length).toBeGreaterThanOrEqual(3);
    for (const { url, policy } of seen.htmlPolicies) expectStrictPolicy(url, policy);
    expect(seen.violations).toEqual([]);
  });
});
