import { describe, expect, it } from "vitest";
import { apiErrorFromBody, parseRetryAfter } from "./client";

describe("apiErrorFromBody", () => {
  it("reads our routes' wrapped error", () => {
    const error = apiErrorFromBody(409, {
      error: { code: "last_owner", message: "Keep one owner.", details: [{ path: "role" }] },
    });
    expect(error).toMatchObject({ status: 409, code: "last_owner", message: "Keep one owner." });
    expect(error.details).toEqual([{ path: "role" }]);
  });

  it("reads better-auth's top-level code and message", () => {
    const error = apiErrorFromBody(401, {
      code: "INVALID_EMAIL_OR_PASSWORD",
      message: "Invalid email or password",
    });
    expect(error).toMatchObject({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });
  });

  it("keeps only the status of an answer that is not ours", () => {
    expect(apiErrorFromBody(502, null)).toMatchObject({ status: 502, code: "http502", message: "" });
    expect(apiErrorFromBody(500, "<html>")).toMatchObject({ code: "http500" });
  });

  it("carries Retry-After", () => {
    expect(apiErrorFromBody(429, { error: { code: "rate_limited", message: "" } }, "30").retryAfter).toBe(30);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("12")).toBe(12);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:01:00 GMT", now)).toBe(60);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});
