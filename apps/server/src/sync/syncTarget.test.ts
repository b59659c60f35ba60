import { describe, expect, it } from "vitest";
import { parseSyncTarget } from "./syncTarget.js";

const ID = "0190d0e2-6f3a-4b8c-9d1e-2f3a4b5c6d7e";

describe("parseSyncTarget", () => {
  it("reads a document's socket and its query", () => {
    const target = parseSyncTarget(`/sync/${ID}?caps=stored`);
    expect(target).toMatchObject({ kind: "document", documentId: ID });
    expect(target.kind === "document" && target.url.searchParams.get("caps")).toBe("stored");
  });

  it.each([
    "/sync/%FF",
    "/sync/%E0%A4%A",
    "//[",
    "/sync/%",
    "*",
    "",
    "http://[/sync/x",
    `//evil.example/sync/${ID}`,
    `http://localhost/sync/${ID}`,
  ])("calls %j malformed instead of throwing", (raw) => {
    expect(parseSyncTarget(raw)).toEqual({ kind: "malformed" });
  });

  it("tells a path elsewhere from a sync path that names no document", () => {
    expect(parseSyncTarget("/api/health")).toEqual({ kind: "elsewhere" });
    expect(parseSyncTarget(undefined)).toEqual({ kind: "malformed" });
    expect(parseSyncTarget("/sync/not-a-uuid").kind).toBe("notDocument");
  });
});
