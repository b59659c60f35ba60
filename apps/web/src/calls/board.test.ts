import type { TCall } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { applyBoardChange, parseBoardChange } from "./board";

const call = (id: string, deadline: string, fields: Partial<TCall> = {}): TCall => ({
  id,
  workspaceId: "w",
  forum: "HRC",
  agendaItem: `Item ${id}`,
  deadline,
  venueTimeZone: "Europe/Zurich",
  status: "drafting",
  speaker: null,
  draft: null,
  estimate: null,
  createdAt: "2025-03-01T00:00:00.000Z",
  updatedAt: "2025-03-01T00:00:00.000Z",
  ...fields,
});

describe("applyBoardChange", () => {
  const early = call("a", "2025-03-04T10:00:00.000Z", { draft: { id: "d", title: "Draft" } });
  const late = call("b", "2025-03-04T16:00:00.000Z");

  it("adds a new call in deadline order, and adding it twice changes nothing", () => {
    const middle = call("c", "2025-03-04T12:00:00.000Z");
    const once = applyBoardChange([early, late], { type: "created", call: middle });
    expect(once.map((c) => c.id)).toEqual(["a", "c", "b"]);
    expect(applyBoardChange(once, { type: "created", call: middle })).toEqual(once);
  });

  it("never lets an older copy of a call replace a newer one", () => {
    const newer = { ...late, status: "ready" as const, updatedAt: "2025-03-02T00:00:00.000Z" };
    const board = applyBoardChange([early, late], { type: "updated", call: newer });
    expect(applyBoardChange(board, { type: "updated", call: late })).toBe(board);
  });

  it("removes a deleted call, and ignores one it does not know", () => {
    const board = [early, late];
    expect(applyBoardChange(board, { type: "deleted", callId: "a" }).map((c) => c.id)).toEqual(["b"]);
    expect(applyBoardChange(board, { type: "deleted", callId: "zzz" })).toBe(board);
  });

  it("puts a draft's new estimate on the calls that link it", () => {
    const estimate = {
      mode: "time" as const,
      words: 300,
      seconds: 164,
      limitSeconds: 120,
      limitWords: null,
      over: true,
    };
    const board = applyBoardChange([early, late], { type: "estimate", documentId: "d", estimate });
    expect(board[0]?.estimate).toEqual(estimate);
    expect(board[1]?.estimate).toBeNull();
    expect(applyBoardChange(board, { type: "estimate", documentId: "other", estimate })).toBe(board);
  });

  it("parses only the changes it knows", () => {
    expect(parseBoardChange('{"type":"deleted","callId":"a"}')).toEqual({ type: "deleted", callId: "a" });
    expect(parseBoardChange('{"type":"renamed"}')).toBeNull();
    expect(parseBoardChange("not json")).toBeNull();
  });
});
