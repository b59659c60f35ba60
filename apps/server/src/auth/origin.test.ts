import { describe, expect, it } from "vitest";
import { isAllowedOrigin, type OriginPolicy } from "./origin.js";

const BY_HOST: OriginPolicy = { publicOrigin: undefined, extraOrigins: [] };
const PUBLIC: OriginPolicy = { publicOrigin: "https://caucus.example.org", extraOrigins: [] };
const WITH_EXTRA: OriginPolicy = {
  publicOrigin: "https://caucus.example.org",
  extraOrigins: ["http://localhost:5173"],
};

describe("isAllowedOrigin without PUBLIC_URL (the Host header names the server)", () => {
  it.each([
    ["http://caucus.test", "caucus.test"],
    ["https://caucus.test", "caucus.test"],
    ["http://127.0.0.1:8787", "127.0.0.1:8787"],
  ])("allows a page of the same host: %s reaching %s", (origin, host) => {
    expect(isAllowedOrigin(BY_HOST, origin, host)).toBe(true);
  });

  it.each([
    ["another host", "http://evil.example", "caucus.test"],
    ["a subdomain", "http://evil.caucus.test", "caucus.test"],
    ["a host that merely ends the same", "http://notcaucus.test", "caucus.test"],
    ["another port", "http://127.0.0.1:9999", "127.0.0.1:8787"],
    ["no port where the server has one", "http://127.0.0.1", "127.0.0.1:8787"],
    ["a sandboxed page (null)", "null", "caucus.test"],
    ["no Origin", undefined, "caucus.test"],
    ["an empty Origin", "", "caucus.test"],
    ["no Host", "http://caucus.test", undefined],
    ["a non-http scheme", "file://caucus.test", "caucus.test"],
    ["a browser extension", "chrome-extension://caucus.test", "caucus.test"],
    ["a websocket scheme", "ws://caucus.test", "caucus.test"],
    ["something that is not a URL", "caucus.test", "caucus.test"],
  ])("refuses %s", (_case, origin, host) => {
    expect(isAllowedOrigin(BY_HOST, origin, host)).toBe(false);
  });
});

describe("isAllowedOrigin with PUBLIC_URL", () => {
  it("allows exactly the public origin, whatever the Host header says", () => {
    expect(isAllowedOrigin(PUBLIC, "https://caucus.example.org", "10.0.0.5:8787")).toBe(true);
    expect(isAllowedOrigin(PUBLIC, "https://caucus.example.org", undefined)).toBe(true);
  });

  it("refuses the Host-derived origin behind a proxy, another scheme, and other sites", () => {
    expect(isAllowedOrigin(PUBLIC, "http://10.0.0.5:8787", "10.0.0.5:8787")).toBe(false);
    expect(isAllowedOrigin(PUBLIC, "http://caucus.example.org", "caucus.example.org")).toBe(false);
    expect(isAllowedOrigin(PUBLIC, "https://evil.example", "caucus.example.org")).toBe(false);
    expect(isAllowedOrigin(PUBLIC, "null", "caucus.example.org")).toBe(false);
    expect(isAllowedOrigin(PUBLIC, undefined, "caucus.example.org")).toBe(false);
  });
});

describe("isAllowedOrigin with ALLOWED_ORIGINS", () => {
  it("allows each extra origin besides the server's own", () => {
    expect(isAllowedOrigin(WITH_EXTRA, "http://localhost:5173", "caucus.example.org")).toBe(true);
    expect(isAllowedOrigin(WITH_EXTRA, "https://caucus.example.org", "caucus.example.org")).toBe(true);
    const hostOnly: OriginPolicy = { publicOrigin: undefined, extraOrigins: ["http://localhost:5173"] };
    expect(isAllowedOrigin(hostOnly, "http://localhost:5173", "127.0.0.1:8787")).toBe(true);
    expect(isAllowedOrigin(hostOnly, "http://127.0.0.1:8787", "127.0.0.1:8787")).toBe(true);
  });

  it("matches extra origins exactly, not by prefix or port", () => {
    expect(isAllowedOrigin(WITH_EXTRA, "http://localhost:5174", "caucus.example.org")).toBe(false);
    expect(isAllowedOrigin(WITH_EXTRA, "http://localhost:5173.evil.example", "caucus.example.org")).toBe(
      false,
    );
    expect(isAllowedOrigin(WITH_EXTRA, "https://localhost:5173", "caucus.example.org")).toBe(false);
  });
});
