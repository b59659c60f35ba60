import * as decoding from "lib0/decoding";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { CaretSchedule, MAX_CARET_DELAY_MS, sendOwnCaretsOnly, TYPING_PAUSE_MS } from "./ownCarets";

/** A provider as y-websocket builds one, recording what it sends. */
function fakeProvider() {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  const sent: Uint8Array[] = [];
  const stock = vi.fn();
  const provider = {
    doc,
    awareness,
    ws: { readyState: 1, send: (frame: Uint8Array) => sent.push(frame) },
    wsconnected: true,
    bcconnected: false,
    bcChannel: "test",
    _awarenessUpdateHandler: stock,
  };
  awareness.on("update", stock);
  return { provider, sent, stock };
}

/** The caret states of each awareness frame sent, by client id. */
function statesOf(frame: Uint8Array): Map<number, unknown> {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(1);
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const states = new Map<number, unknown>();
  for (let count = decoding.readVarUint(update); count > 0; count--) {
    const client = decoding.readVarUint(update);
    decoding.readVarUint(update);
    states.set(client, JSON.parse(decoding.readVarString(update)));
  }
  return states;
}

describe("CaretSchedule", () => {
  it("sends at once when nobody types, holds while typing until the pause, and never past the longest delay", () => {
    const schedule = new CaretSchedule();
    expect(schedule.delayFor(1_000)).toBe(0);
    schedule.edited(2_000);
    expect(schedule.delayFor(2_000)).toBe(TYPING_PAUSE_MS);
    expect(schedule.delayFor(2_000 + TYPING_PAUSE_MS)).toBe(0);
    schedule.sent();
    // Typing on, a key every 100 ms: the held change is due MAX_CARET_DELAY_MS after it was first held.
    const first = 10_000;
    schedule.edited(first);
    expect(schedule.delayFor(first)).toBe(TYPING_PAUSE_MS);
    let now = first;
    while (now < first + MAX_CARET_DELAY_MS - 100) {
      now += 100;
      schedule.edited(now);
      expect(schedule.delayFor(now)).toBe(Math.min(TYPING_PAUSE_MS, first + MAX_CARET_DELAY_MS - now));
    }
    now = first + MAX_CARET_DELAY_MS;
    schedule.edited(now);
    expect(schedule.delayFor(now)).toBe(0);
    schedule.sent();
    expect(schedule.delayFor(now)).toBe(TYPING_PAUSE_MS);
  });
});

describe("sendOwnCaretsOnly", () => {
  let now = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const advance = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };

  it("never sends on a caret heard from others, and replaces the stock handler", () => {
    const { provider, sent, stock } = fakeProvider();
    sendOwnCaretsOnly(provider, () => now);
    const other = new awarenessProtocol.Awareness(new Y.Doc());
    other.setLocalState({ cursor: { at: 4 } });
    awarenessProtocol.applyAwarenessUpdate(
      provider.awareness,
      awarenessProtocol.encodeAwarenessUpdate(other, [other.clientID]),
      provider,
    );
    expect(provider.awareness.getStates().get(other.clientID)).toEqual({ cursor: { at: 4 } });
    advance(5_000);
    expect(sent).toEqual([]);
    expect(stock).not.toHaveBeenCalled();
  });

  it("sends this tab's caret at once when it is not typing, and its removal at once", () => {
    const { provider, sent } = fakeProvider();
    sendOwnCaretsOnly(provider, () => now);
    provider.awareness.setLocalState({ user: { name: "Amina" }, cursor: { at: 1 } });
    expect(sent).toHaveLength(1);
    expect(statesOf(sent[0] as Uint8Array).get(provider.doc.clientID)).toEqual({
      user: { name: "Amina" },
      cursor: { at: 1 },
    });
    awarenessProtocol.removeAwarenessStates(provider.awareness, [provider.doc.clientID], "window unload");
    expect(sent).toHaveLength(2);
    expect(statesOf(sent[1] as Uint8Array).get(provider.doc.clientID)).toBeNull();
  });

  it("sends one caret message per pause while typing, with the latest position, and one every MAX_CARET_DELAY_MS on a long run", () => {
    const { provider, sent } = fakeProvider();
    sendOwnCaretsOnly(provider, () => now);
    const text = provider.doc.getText("t");
    const type = (i: number) => {
      text.insert(text.length, "a");
      provider.awareness.setLocalStateField("cursor", { at: i });
    };
    // Forty keys, one every 50 ms (2 s): nothing until the pause, then one message.
    for (let i = 1; i <= 40; i++) {
      type(i);
      advance(50);
    }
    expect(sent).toEqual([]);
    advance(TYPING_PAUSE_MS);
    expect(sent).toHaveLength(1);
    expect(statesOf(sent[0] as Uint8Array).get(provider.doc.clientID)).toEqual({ cursor: { at: 40 } });

    // Ten seconds of typing without a pause: one message each MAX_CARET_DELAY_MS, not one per key.
    for (let i = 41; i <= 240; i++) {
      type(i);
      advance(50);
    }
    advance(TYPING_PAUSE_MS);
    const during = sent.length - 1;
    expect(during).toBeGreaterThanOrEqual(Math.floor(10_000 / MAX_CARET_DELAY_MS));
    expect(during).toBeLessThanOrEqual(Math.ceil(10_000 / MAX_CARET_DELAY_MS) + 1);
    expect(statesOf(sent.at(-1) as Uint8Array).get(provider.doc.clientID)).toEqual({ cursor: { at: 240 } });
  });

  it("does not send the caret the editor re-announces while someone else's edit is applied; the next own move carries it", () => {
    const { provider, sent } = fakeProvider();
    sendOwnCaretsOnly(provider, () => now);
    provider.awareness.setLocalState({ cursor: { at: 0 } });
    expect(sent).toHaveLength(1);
    // As y-tiptap does: an observer of the text moves this tab's caret when a remote edit lands.
    const text = provider.doc.getText("t");
    let moves = 0;
    text.observe(() => provider.awareness.setLocalStateField("cursor", { at: ++moves }));
    const remote = new Y.Doc();
    for (let i = 0; i < 20; i++) {
      remote.getText("t").insert(i, "b");
      Y.applyUpdate(provider.doc, Y.encodeStateAsUpdate(remote), provider);
      advance(100);
    }
    advance(MAX_CARET_DELAY_MS);
    expect(moves).toBe(20);
    expect(sent).toHaveLength(1);
    // This tab's own change sends the latest state, the re-announced position included.
    provider.awareness.setLocalStateField("user", { name: "Kofi" });
    expect(sent).toHaveLength(2);
    expect(statesOf(sent[1] as Uint8Array).get(provider.doc.clientID)).toEqual({
      cursor: { at: 20 },
      user: { name: "Kofi" },
    });
  });

  it("gives the stock handler back when undone", () => {
    const { provider, sent, stock } = fakeProvider();
    const undo = sendOwnCaretsOnly(provider, () => now);
    undo();
    provider.awareness.setLocalState({ cursor: { at: 1 } });
    expect(stock).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([]);
  });
});
