import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { OpeningsAudit } from "./OpeningsAudit.js";

function audited(options: { maxBatch?: number; windowMs?: number } = {}) {
  const statements: { actorId: string; documentId: string }[][] = [];
  const openings = new OpeningsAudit({
    audit: { recordOpenings: async (batch) => void statements.push([...batch]) },
    logger: pino({ level: "silent" }),
    batchMs: 10_000,
    ...options,
  });
  return { openings, statements };
}

describe("the audit of document openings", () => {
  it("writes a moment's openings in one statement, each person and document once in the window", async () => {
    const { openings, statements } = audited({ windowMs: 1_000 });
    openings.opened("ann", "d1", 0);
    openings.opened("ann", "d1", 500);
    openings.opened("ann", "d2", 500);
    openings.opened("bo", "d1", 500);
    await openings.flush();
    openings.opened("ann", "d1", 999);
    openings.opened("ann", "d1", 1_000);
    await openings.flush();
    expect(statements).toEqual([
      [
        { actorId: "ann", documentId: "d1" },
        { actorId: "ann", documentId: "d2" },
        { actorId: "bo", documentId: "d1" },
      ],
      [{ actorId: "ann", documentId: "d1" }],
    ]);
  });

  it("writes a full batch at once, without waiting for its moment to end", async () => {
    const { openings, statements } = audited({ maxBatch: 2 });
    openings.opened("ann", "d1");
    openings.opened("ann", "d2");
    openings.opened("ann", "d3");
    await new Promise((resolve) => setImmediate(resolve));
    expect(statements).toEqual([
      [
        { actorId: "ann", documentId: "d1" },
        { actorId: "ann", documentId: "d2" },
      ],
    ]);
    await openings.flush();
    expect(statements).toHaveLength(2);
  });
});
