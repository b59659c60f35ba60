import { afterEach, describe, expect, it, vi } from "vitest";
import { requestPasswordReset } from "./account";
import {
  ApiError,
  api,
  apiErrorFromBody,
  authRequest,
  editorJson,
  NETWORK_ERROR,
  onUnauthorized,
  parseRetryAfter,
  read,
  segment,
} from "./client";

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

describe("api", () => {
  const calls: { url: string; init: RequestInit }[] = [];
  function answer(response: Response | Error) {
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      if (response instanceof Error) throw response;
      return response;
    });
  }
  afterEach(() => {
    vi.unstubAllGlobals();
    calls.length = 0;
  });

  it("calls our origin with the session cookie and reads the route's body", async () => {
    answer(Response.json({ document: { id: "d1", title: "Statement" } }));
    const body = await read(api.documents[":id"].$get({ param: { id: segment("d 1/x") } }));
    expect(body.document.title).toBe("Statement");
    expect(calls[0]?.url).toBe("/api/documents/d%201%2Fx");
    expect(calls[0]?.init.credentials).toBe("same-origin");
    expect(new Headers(calls[0]?.init.headers).get("Accept")).toBe("application/json");
  });

  it("sends JSON bodies and keeps init such as keepalive", async () => {
    answer(Response.json({ ok: true }));
    await api.workspaces[":workspaceId"].presence.leave.$post(
      { param: { workspaceId: "w1" }, json: { connectionId: "tab-0001" } },
      { init: { keepalive: true } },
    );
    expect(calls[0]?.init).toMatchObject({
      method: "POST",
      body: '{"connectionId":"tab-0001"}',
      keepalive: true,
    });
    expect(new Headers(calls[0]?.init.headers).get("Content-Type")).toBe("application/json");
  });

  it("throws an answer that is not a success as an ApiError, with Retry-After", async () => {
    answer(
      Response.json(
        { error: { code: "rate_limited", message: "Slow down." } },
        { status: 429, headers: { "Retry-After": "7" } },
      ),
    );
    await expect(read(api.workspaces.$get())).rejects.toMatchObject({
      status: 429,
      code: "rate_limited",
      retryAfter: 7,
    });
  });

  it("throws a failed request as status 0", async () => {
    answer(new TypeError("Failed to fetch"));
    await expect(read(api.me.$get())).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it("tells the 401 listeners when the session is gone, not for better-auth's 401s", async () => {
    const heard: ApiError[] = [];
    const stop = onUnauthorized((error) => heard.push(error));
    try {
      answer(Response.json({ error: { code: "unauthorized", message: "" } }, { status: 401 }));
      await expect(read(api.me.$get())).rejects.toBeInstanceOf(ApiError);
      expect(heard).toHaveLength(1);
      answer(Response.json({ code: "INVALID_EMAIL_OR_PASSWORD", message: "" }, { status: 401 }));
      await expect(authRequest("sign-in/email", { email: "a@b.c", password: "x" })).rejects.toMatchObject({
        code: "INVALID_EMAIL_OR_PASSWORD",
      });
      expect(heard).toHaveLength(1);
      expect(calls[1]?.url).toBe("/api/auth/sign-in/email");
    } finally {
      stop();
    }
  });

  it("asks for a reset mail in the page's language, or else leaves the browser's", async () => {
    answer(Response.json({ status: true }));
    await requestPasswordReset("a@b.c", "ar");
    answer(Response.json({ status: true }));
    await requestPasswordReset("a@b.c", undefined);
    expect(calls.map(({ url }) => url)).toEqual([
      "/api/auth/request-password-reset",
      "/api/auth/request-password-reset",
    ]);
    expect(new Headers(calls[0]?.init.headers).get("Accept-Language")).toBe("ar");
    expect(new Headers(calls[0]?.init.headers).get("Content-Type")).toBe("application/json");
    expect(new Headers(calls[1]?.init.headers).has("Accept-Language")).toBe(false);
  });

  it("checks editor JSON in an answer", () => {
    expect(editorJson({ type: "doc", content: [{ type: "paragraph" }] })).toEqual({
      type: "doc",
      content: [{ type: "paragraph" }],
    });
    expect(() => editorJson({ type: "doc", content: [null] })).toThrow(ApiError);
  });
});
