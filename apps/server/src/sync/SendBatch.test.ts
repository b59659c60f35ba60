import { afterEach, describe, expect, it } from "vitest";
import { nextTurn } from "../testing/sockets.js";
import { endOfTurn, onTurnFailure } from "./SendBatch.js";

describe("SendBatch", () => {
  afterEach(() => onTurnFailure(() => {}));

  it("ends every batch held this turn after its I/O, in order, and reports one that throws instead of stopping the process", async () => {
    const reported: unknown[] = [];
    onTurnFailure((error) => reported.push(error));
    const ended: string[] = [];
    const failure = new Error("a bug in one room");
    endOfTurn({ endTurn: () => ended.push("first") });
    endOfTurn({
      endTurn: () => {
        throw failure;
      },
    });
    endOfTurn({
      endTurn: () => {
        ended.push("third");
        // What ending one adds ends in the same pass.
        endOfTurn({ endTurn: () => ended.push("added") });
      },
    });
    expect(ended).toEqual([]);
    await nextTurn();
    expect(ended).toEqual(["first", "third", "added"]);
    expect(reported).toEqual([failure]);

    // The next turn batches afresh.
    endOfTurn({ endTurn: () => ended.push("next turn") });
    await nextTurn();
    expect(ended.at(-1)).toBe("next turn");
  });
});
