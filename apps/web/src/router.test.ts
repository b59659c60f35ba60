import { describe, expect, it } from "vitest";
import { documentPath, parseRoute } from "./router";

describe("parseRoute", () => {
  it("maps the list, the trash and a document page", () => {
    expect(parseRoute("/")).toEqual({ page: "documents", view: "active" });
    expect(parseRoute("/deleted")).toEqual({ page: "documents", view: "deleted" });
    const id = "0b6f4f3e-7f1c-4a51-9a8e-2f1d7d0f6a10";
    expect(parseRoute(documentPath(id))).toEqual({ page: "document", documentId: id });
  });

  it("treats anything else as not found", () => {
    expect(parseRoute("/d/")).toEqual({ page: "notFound" });
    expect(parseRoute("/settings")).toEqual({ page: "notFound" });
  });
});
