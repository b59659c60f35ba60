import { describe, expect, it } from "vitest";
import { decodeFanoutFrame, encodeFanoutFrame, INSTANCE_ID_BYTES } from "./DocumentFanout.js";

const instance = new Uint8Array(INSTANCE_ID_BYTES).fill(7);

describe("fan-out frames", () => {
  it.each([
    { kind: "update", update: new Uint8Array([1, 2, 3, 0, 255]) },
    { kind: "awareness", update: new Uint8Array([9]) },
    { kind: "syncRequest", stateVector: new Uint8Array([0]) },
    { kind: "update", update: new Uint8Array([]) },
  ] as const)("round-trips $kind", (message) => {
    const decoded = decodeFanoutFrame(encodeFanoutFrame(instance, message));
    expect(decoded?.from.equals(Buffer.from(instance))).toBe(true);
    expect(decoded?.message.kind).toBe(message.kind);
    const payload = (m: typeof message | NonNullable<typeof decoded>["message"]) =>
      Buffer.from(m.kind === "syncRequest" ? m.stateVector : m.update);
    expect(payload(decoded?.message as typeof message).equals(payload(message))).toBe(true);
  });

  it("refuses frames that are too short or of an unknown kind", () => {
    expect(decodeFanoutFrame(Buffer.alloc(INSTANCE_ID_BYTES))).toBeNull();
    const unknown = encodeFanoutFrame(instance, { kind: "update", update: new Uint8Array([1]) });
    unknown[0] = 42;
    expect(decodeFanoutFrame(unknown)).toBeNull();
    expect(decodeFanoutFrame(Buffer.from("not a frame at all, just text"))).toBeNull();
  });
});
