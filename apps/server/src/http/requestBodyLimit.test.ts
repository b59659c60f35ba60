import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Limits } from "@caucus/shared";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  firstWorkspaceOf,
  type TBody,
  type TTestApp,
  type TTestPerson,
} from "../testing/app.js";
import { TEMPLATE_REQUEST_BYTES } from "./requestBodyLimit.js";

/**
 * Request bodies are limited at the edge, over a real socket: with a
 * Content-Length and chunked without one, exactly at the limit passes and
 * one byte more is 413, before anyone is signed in. The bodies are sent
 * byte for byte, raw; what the test reads back goes through the typed client.
 */

let t: TTestApp;
let server: Server;
let port: number;
let owner: TTestPerson;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp("Limit owner");
  workspaceId = await firstWorkspaceOf(owner);
  server = await new Promise<Server>((resolve) => {
    const listening = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(listening as Server),
    ) as Server;
  });
  port = (server.address() as AddressInfo).port;
}, 60_000);
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/**
 * Sends `body` over HTTP/1.1: with its Content-Length, or `chunked` in
 * pieces of 1000 bytes and no Content-Length at all.
 */
function send(
  method: string,
  path: string,
  body: string,
  options: { chunked: boolean; cookie?: string },
): Promise<{ status: number; body: TBody }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      host: "caucus.test",
      origin: "http://caucus.test",
      "content-type": "application/json",
    };
    if (options.cookie) headers.cookie = options.cookie;
    if (!options.chunked) headers["content-length"] = String(Buffer.byteLength(body));
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => {
        let parsed: TBody = text;
        try {
          parsed = JSON.parse(text);
        } catch {}
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    // The server may answer 413 and stop reading before the whole body is sent.
    req.on("error", reject);
    if (options.chunked) {
      for (let at = 0; at < body.length; at += 1000) req.write(body.slice(at, at + 1000));
      expect(req.getHeader("content-length")).toBeUndefined();
    } else {
      req.write(body);
    }
    req.end();
  });
}

/** `value` as JSON, padded with trailing spaces to exactly `bytes` bytes (ASCII). */
function jsonOfSize(value: unknown, bytes: number): string {
  const json = JSON.stringify(value);
  return json + " ".repeat(bytes - json.length);
}

const LIMIT = Limits.maxRequestBytes;

describe.each([
  { chunked: false, how: "with a Content-Length" },
  { chunked: true, how: "chunked, with no Content-Length" },
])("a request body $how", ({ chunked }) => {
  it("of exactly MAX_REQUEST_BYTES is read and acted on", async () => {
    const created = await send(
      "POST",
      "/api/workspaces",
      jsonOfSize({ name: `At the limit ${chunked}` }, LIMIT),
      { chunked, cookie: owner.cookie },
    );
    expect(created.status).toBe(201);
    expect(created.body.workspace.name).toBe(`At the limit ${chunked}`);
  });

  it("one byte past it is 413 with the error shape, and nothing is done", async () => {
    const name = `Past the limit ${chunked}`;
    const refused = await send("POST", "/api/workspaces", jsonOfSize({ name }, LIMIT + 1), {
      chunked,
      cookie: owner.cookie,
    });
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatchObject({ code: "payload_too_large", message: expect.any(String) });
    const names = (await (await owner.api.workspaces.$get()).json()).workspaces.map(
      (workspace) => workspace.name,
    );
    expect(names).not.toContain(name);
  });

  it("is refused before anyone is signed in: a huge sign-up is 413", async () => {
    const body = jsonOfSize(
      { name: "Huge", email: "huge@example.org", password: "x".repeat(20) },
      1024 * 1024,
    );
    const refused = await send("POST", "/api/auth/sign-up/email", body, { chunked });
    expect(refused.status).toBe(413);
    expect(refused.body.error.code).toBe("payload_too_large");
  });

  it("may be TEMPLATE_REQUEST_BYTES when saving a template, and no more", async () => {
    const path = `/api/workspaces/${workspaceId}/templates/statement`;
    const content = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: `Padded template ${chunked}` }] }],
    };
    const saved = await send("PUT", path, jsonOfSize({ content }, TEMPLATE_REQUEST_BYTES), {
      chunked,
      cookie: owner.cookie,
    });
    expect(saved.status).toBe(200);
    const refused = await send("PUT", path, jsonOfSize({ content }, TEMPLATE_REQUEST_BYTES + 1), {
      chunked,
      cookie: owner.cookie,
    });
    expect(refused.status).toBe(413);
    expect(refused.body.error.code).toBe("payload_too_large");
    // Elsewhere, a body that size is refused.
    const elsewhere = await send(
      "POST",
      "/api/workspaces",
      jsonOfSize({ name: "Big" }, TEMPLATE_REQUEST_BYTES),
      {
        chunked,
        cookie: owner.cookie,
      },
    );
    expect(elsewhere.status).toBe(413);
  });
});
