import type { TWorkspace } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { pickWorkspace } from "./lastWorkspace";

const workspace = (id: string): TWorkspace => ({
  id,
  name: id,
  createdAt: "2026-01-01T00:00:00Z",
  role: "editor",
});

describe("pickWorkspace", () => {
  it("opens the last workspace used while the person still belongs to it", () => {
    expect(pickWorkspace([workspace("a"), workspace("b")], "b")?.id).toBe("b");
  });

  it("falls back to the first workspace, or none", () => {
    expect(pickWorkspace([workspace("a"), workspace("b")], "gone")?.id).toBe("a");
    expect(pickWorkspace([workspace("a")], null)?.id).toBe("a");
    expect(pickWorkspace([], "a")).toBeNull();
  });
});
