import type { TCommentThread } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { applyCommentChange, inDocumentOrder, mentions, parseCommentChange } from "./threads";

const thread = (id: string, fields: Partial<TCommentThread> = {}): TCommentThread => ({
  id,
  documentId: "d",
  anchor: { start: "", end: "" },
  quote: id,
  status: "open",
  createdBy: null,
  createdAt: `2025-03-04T14:00:0${id.length}.000Z`,
  resolvedBy: null,
  resolvedAt: null,
  comments: [],
  ...fields,
});

describe("comment threads", () => {
  it("apply each change idempotently, by id", () => {
    const a = thread("a");
    const listed = applyCommentChange([], { type: "thread", thread: a });
    expect(applyCommentChange(listed, { type: "thread", thread: a })).toHaveLength(1);
    const resolved = applyCommentChange(listed, { type: "thread", thread: { ...a, status: "resolved" } });
    expect(resolved[0]?.status).toBe("resolved");
    expect(applyCommentChange(resolved, { type: "removed", threadId: "a" })).toEqual([]);
    expect(applyCommentChange(resolved, { type: "removed", threadId: "x" })).toBe(resolved);
    expect(parseCommentChange('{"type":"exploded"}')).toBeNull();
  });

  it("sort by where their text is, the ones whose text is gone last", () => {
    const order = inDocumentOrder(
      [thread("gone"), thread("b"), thread("a")],
      new Map([
        ["a", 5],
        ["b", 40],
      ]),
    );
    expect(order.map((t) => t.id)).toEqual(["a", "b", "gone"]);
  });

  it("know who a thread mentions", () => {
    const comment = {
      id: "c",
      body: "<@u2>",
      author: null,
      mentions: [{ id: "u2", name: "Tomás" }],
      createdAt: "",
      editedAt: null,
    };
    expect(mentions(thread("a", { comments: [comment] }), "u2")).toBe(true);
    expect(mentions(thread("a", { comments: [comment] }), "u1")).toBe(false);
  });
});
