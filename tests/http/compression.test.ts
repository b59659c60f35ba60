import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { useServers } from "../support/fixtures.js";

/**
 * Issue 14: a remote member's first load moves compressed bytes. The real
 * build (precompressed at build time) served by a real server process.
 */
const servers = useServers();

interface TAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with exactly these headers; the body as sent on the wire (not decompressed). */
function get(url: string, headers: Record<string, string> = {}): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

describe("the web app's files", () => {
  it("go out Brotli- or gzip-compressed where the browser accepts it, and whole where it does not", async () => {
    const server = await servers.shared();
    const shell = (await get(`${server.url}/`)).body.toString();
    const assets = [...shell.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
      (match) => match[1],
    );
    expect(assets.length).toBeGreaterThanOrEqual(2);

    let raw = 0;
    let brotli = 0;
    for (const path of assets) {
      const plain = await get(`${server.url}${path}`);
      expect(plain.status).toBe(200);
      expect(plain.headers["content-encoding"]).toBeUndefined();

      const br = await get(`${server.url}${path}`, { "accept-encoding": "gzip, deflate, br" });
      expect(br.headers["content-encoding"], path).toBe("br");
      expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
      expect(br.headers["cache-control"]).toMatch(/immutable/);
      expect(brotliDecompressSync(br.body).equals(plain.body), path).toBe(true);

      const gzip = await get(`${server.url}${path}`, { "accept-encoding": "gzip" });
      expect(gzip.headers["content-encoding"], path).toBe("gzip");
      expect(gunzipSync(gzip.body).equals(plain.body), path).toBe(true);

      raw += plain.body.length;
      brotli += br.body.length;
    }
    console.log(
      `first-load assets of the shell: ${assets.length} files, ${(raw / 1024).toFixed(0)} KiB raw, ${(brotli / 1024).toFixed(0)} KiB Brotli (${((100 * brotli) / raw).toFixed(0)} %)`,
    );
    expect(brotli).toBeLessThan(raw / 2);
  });
});

describe("the headers of the web app's files", () => {
  it("leave out what only a document or a worker reads when a page loads a script or stylesheet, and keep it for workers and pages", async () => {
    const server = await servers.shared();
    const page = await get(`${server.url}/`, { "sec-fetch-dest": "document" });
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(page.headers["x-frame-options"]).toBeDefined();
    const shell = page.body.toString();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(shell)?.[1];
    const style = /href="(\/assets\/[^"]+\.css)"/.exec(shell)?.[1];
    expect(script && style).toBeTruthy();

    const headerBytes = (answer: TAnswer) =>
      Object.entries(answer.headers).reduce(
        (sum, [name, value]) => sum + name.length + String(value).length + 4,
        0,
      );
    for (const [path, destination] of [
      [script, "script"],
      [style, "style"],
    ] as const) {
      const asWorker = await get(`${server.url}${path}`, { "sec-fetch-dest": "worker" });
      expect(asWorker.headers["content-security-policy"], path).toContain("default-src 'self'");
      const loaded = await get(`${server.url}${path}`, { "sec-fetch-dest": destination });
      expect(loaded.status).toBe(200);
      expect(loaded.body.equals(asWorker.body)).toBe(true);
      for (const name of [
        "content-security-policy",
        "strict-transport-security",
        "x-frame-options",
        "cross-origin-opener-policy",
      ])
        expect(loaded.headers[name], `${path} ${name}`).toBeUndefined();
      // What a subresource's own handling needs stays.
      expect(loaded.headers["x-content-type-options"]).toBe("nosniff");
      expect(loaded.headers["cross-origin-resource-policy"]).toBe("same-origin");
      expect(loaded.headers["cache-control"]).toMatch(/immutable/);
      expect(loaded.headers["content-type"]).toMatch(destination === "script" ? /javascript/ : /css/);
      console.log(
        `headers of ${path}: ${headerBytes(asWorker)} B as a worker, ${headerBytes(loaded)} B as a ${destination}`,
      );
      expect(headerBytes(loaded)).toBeLessThan(headerBytes(asWorker) / 2);
    }
  });
});

describe("addresses of the web app", () => {
  it("serve the icon the shell names; a missing file is a 404, not the app's HTML, while app routes get the shell", async () => {
    const server = await servers.shared();
    const shell = (await get(`${server.url}/`)).body.toString();
    const icon = /<link rel="icon" href="([^"]+)"/.exec(shell)?.[1];
    expect(icon, "the shell names an icon").toBeDefined();
    const served = await get(`${server.url}${icon}`);
    expect(served.status).toBe(200);
    expect(served.headers["content-type"]).toContain("image/svg+xml");

    for (const missing of ["/favicon.ico", "/assets/gone-0123abcd.js", "/robots.txt", "/d/x/old.css"]) {
      const answer = await get(`${server.url}${missing}`);
      expect(answer.status, missing).toBe(404);
      expect(answer.headers["content-type"], missing).not.toContain("text/html");
    }
    for (const route of [
      "/d/0b7c6f8e-3d2a-4c1b-9e8f-7a6b5c4d3e2f",
      "/w/0b7c6f8e-3d2a-4c1b-9e8f-7a6b5c4d3e2f/calls",
      "/invite",
    ]) {
      const answer = await get(`${server.url}${route}`);
      expect(answer.status, route).toBe(200);
      expect(answer.body.toString(), route).toContain('<div id="root">');
    }
  });
});

/** Issue 14's budget for what a document's page needs before the text is editable, compressed. */
const EDITOR_ROUTE_BUDGET = 250 * 1024;

describe("a document's address", () => {
  it("gets a compressed shell that asks for the editor's code at once, all of it within 250 KB of Brotli", async () => {
    const server = await servers.shared();
    const address = `${server.url}/d/0b7c6f8e-3d2a-4c1b-9e8f-7a6b5c4d3e2f`;
    const shell = await get(address, { "accept-encoding": "gzip, deflate, br" });
    expect(shell.status).toBe(200);
    expect(shell.headers["content-encoding"]).toBe("br");
    expect(String(shell.headers.vary)).toMatch(/accept-encoding/i);
    expect(shell.headers["cache-control"]).toBe("no-cache");
    const html = brotliDecompressSync(shell.body).toString();
    const plain = await get(address);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(html);

    const preloads = [
      ...html.matchAll(/<link rel="modulepreload" crossorigin href="(\/assets\/[^"]+\.js)"/g),
    ].map((match) => match[1]);
    expect(
      preloads.some((path) => path?.includes("DocumentPage")),
      "preloads the document page",
    ).toBe(true);
    // The other pages' shell does not spend a phone's link on the editor.
    const other = (await get(`${server.url}/w/0b7c6f8e-3d2a-4c1b-9e8f-7a6b5c4d3e2f/calls`)).body.toString();
    expect(other).not.toContain("modulepreload");

    // The entry, its CSS, the preloads and the English sentences: what the page loads before the text is editable.
    const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
      (match) => match[1],
    );
    const entry = html.match(/<script type="module" crossorigin src="([^"]+)"/)?.[1];
    const entrySource = (await get(`${server.url}${entry}`)).body.toString();
    const english = entrySource.match(/"\.\/(en-[\w-]+\.js)"/)?.[1];
    expect(english, "the entry names the English catalogue's chunk").toBeDefined();
    files.push(`/assets/${english}`);
    let brotli = 0;
    for (const path of new Set(files)) {
      const answer = await get(`${server.url}${path}`, { "accept-encoding": "br" });
      expect(answer.status, path).toBe(200);
      brotli += answer.body.length;
    }
    console.log(
      `a document's page: ${new Set(files).size} files of JS and CSS, ${(brotli / 1024).toFixed(1)} KiB Brotli (budget ${EDITOR_ROUTE_BUDGET / 1024} KiB)`,
    );
    expect(brotli).toBeLessThanOrEqual(EDITOR_ROUTE_BUDGET);
  });
});
