import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TTestApp } from "../testing/app.js";

let t: TTestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Host headers no browser sends; the fuzz test found better-auth answering 500 to them. */
const UNUSABLE_HOSTS = ["", "[", "%FF", "::1]", "x:99999", "a b"];
const ROUTES: Array<[string, string]> = [
  ["GET", "/api/me"],
  ["GET", "/api/%F5%80%80%80Y"],
  ["POST", "/api/auth/sign-in/email"],
  ["GET", "/api/auth/get-session"],
];

describe("a request without a usable Host header", () => {
  it.each(UNUSABLE_HOSTS)(
    "Host %j is refused with 400 bad_host on every API route, never 500",
    async (host) => {
      for (const [method, path] of ROUTES) {
        const response = await t.app.request(`http://caucus.test${path}`, {
          method,
          headers: { host, origin: "http://caucus.test", "content-type": "application/json" },
          body: method === "POST" ? JSON.stringify({ email: "a@example.org", password: "x" }) : undefined,
        });
        expect(response.status, `${method} ${path}`).toBe(400);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("bad_host");
      }
    },
  );

  it("with no Host at all is refused alike, while health still answers a probe", async () => {
    const refused = await t.app.request("http://caucus.test/api/me");
    expect(refused.status).toBe(400);
    expect((await t.app.request("http://caucus.test/api/health")).status).toBe(200);
  });

  it("a usable Host (with a port, or an IPv6 address) goes through", async () => {
    for (const host of ["caucus.test", "caucus.test:8787", "[::1]:8787", "127.0.0.1"]) {
      const response = await t.app.request("http://caucus.test/api/me", { headers: { host } });
      expect(response.status, host).toBe(401);
    }
  });
});
