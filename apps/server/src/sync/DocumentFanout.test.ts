import { describe, expect, it } from "vitest";
import {
  decodeFanoutFrame,
  encodeFanoutFrame,
  INSTANCE_ID_BYTES,
  type TFanoutMessage,
} from "./DocumentFanout.js";

const instance = new Uint8Array(INSTANCE_ID_BYTES).fill(7);
const other = new Uint8Array(INSTANCE_ID_BYTES).fill(200);

/** Buffers and Uint8Arrays compared by content. */
function plain(message: TFanoutMessage): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(message).map(([key, value]) => [key, value instanceof Uint8Array ? [...value] : value]),
  );
}

describe("fan-out frames", () => {
  it.each<TFanoutMessage>([
    { kind: "update", seq: 1, update: new Uint8Array([1, 2, 3, 0, 255]) },
    { kind: "update", seq: 2 ** 40 + 3, update: new Uint8Array([]) },
    { kind: "awareness", update: new Uint8Array([9]) },
    { kind: "syncRequest", to: undefined, answerBack: true, stateVector: new Uint8Array([0]) },
    { kind: "syncRequest", to: other, answerBack: false, stateVector: new Uint8Array([1, 5, 7]) },
    { kind: "syncReply", to: other, seq: 0, update: new Uint8Array([0, 0]) },
    { kind: "syncReply", to: other, seq: 99, update: new Uint8Array([4, 4, 4]) },
    { kind: "stored", owner: other, seq: 123_456 },
    { kind: "close", code: 4404, reason: "document deleted · borrado" },
  ])("round-trips $kind", (message) => {
    const decoded = decodeFanoutFrame(encodeFanoutFrame(instance, message));
    expect(decoded?.from.equals(Buffer.from(instance))).toBe(true);
    expect(plain(decoded?.message as TFanoutMessage)).toEqual(plain(message));
  });

  it("refuses frames that are too short, cut off or of an unknown kind", () => {
    expect(decodeFanoutFrame(Buffer.alloc(INSTANCE_ID_BYTES))).toBeNull();
    const unknown = encodeFanoutFrame(instance, { kind: "update", seq: 1, update: new Uint8Array([1]) });
    unknown[0] = 42;
    expect(decodeFanoutFrame(unknown)).toBeNull();
    const stored = encodeFanoutFrame(instance, { kind: "stored", owner: other, seq: 5 });
    expect(decodeFanoutFrame(stored.subarray(0, stored.byteLength - 1))).toBeNull();
    const reply = encodeFanoutFrame(instance, {
      kind: "syncReply",
      to: other,
      seq: 5,
      update: new Uint8Array(),
    });
    expect(decodeFanoutFrame(reply.subarray(0, 1 + INSTANCE_ID_BYTES + 3))).toBeNull();
    expect(decodeFanoutFrame(Buffer.from("not a frame at all, just text"))).toBeNull();
  });
});
