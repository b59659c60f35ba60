import { CloseCode, colorForName, MessageType } from "@caucus/shared";
import { SUGGESTIONS_FIELD } from "@caucus/shared/editor";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { encodeCraftedUpdate } from "../testing/fuzz/craftUpdate.js";
import { testRoom } from "../testing/rooms.js";
import { fakeConnection, joinSynced, nextTurn, SYNC_STEP_1_EMPTY } from "../testing/sockets.js";
import type { DocumentRoom } from "./DocumentRoom.js";
import { EMPTY_AWARENESS, encodeUpdate, ProtocolError, RoomRefusal } from "./messages.js";
import { ECHO_WHEN_SILENT_MS } from "./RoomCarets.js";
import type { TRoomLimits } from "./roomContext.js";

/** A room over a log that never writes (storage is tested in RoomStore.test). */
function makeRoom(maxDocumentBytes = 1 << 20, limits: Partial<TRoomLimits> = {}): DocumentRoom {
  return testRoom({ limits: { maxDocumentBytes, ...limits } });
}

function updateFrame(edit: (doc: Y.Doc) => void): { frame: Uint8Array; update: Uint8Array } {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on("update", (u: Uint8Array) => {
    update = u;
  });
  edit(doc);
  return { frame: encodeUpdate(update), update };
}

/** Applies a sync message the server sent to a client's replica. */
function applyServerFrame(replica: Y.Doc, frame: Uint8Array): void {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MessageType.sync);
  syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), replica, null);
}

function messageType(frame: Uint8Array): [number, number | undefined] {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  return [type, type === MessageType.sync ? decoding.readVarUint(decoder) : undefined];
}

describe("DocumentRoom protocol handling", () => {
  it("greets a socket with sync step 1, and with what is stored only when asked, once its sync step 2 is handled", () => {
    const room = makeRoom();
    const plain = fakeConnection();
    const acking = fakeConnection(["stored"]);
    room.join(plain);
    room.join(acking);
    expect(plain.frames.map(messageType)).toEqual([[MessageType.sync, syncProtocol.messageYjsSyncStep1]]);
    expect(acking.frames.map(messageType)).toEqual([[MessageType.sync, syncProtocol.messageYjsSyncStep1]]);
    // Its answer to our step 1: nothing new, all stored, so acknowledged at once, vector and count in one.
    const stepTwo = encoding.createEncoder();
    encoding.writeVarUint(stepTwo, MessageType.sync);
    syncProtocol.writeSyncStep2(stepTwo, new Y.Doc());
    for (const socket of [plain, acking]) room.receive(socket, encoding.toUint8Array(stepTwo));
    expect(plain.frames.map(messageType)).toEqual([[MessageType.sync, syncProtocol.messageYjsSyncStep1]]);
    expect(acking.frames.map(messageType)).toEqual([
      [MessageType.sync, syncProtocol.messageYjsSyncStep1],
      [MessageType.stored, undefined],
    ]);
  });

  it("answers sync step 1 with the missing state as step 2", () => {
    const room = makeRoom();
    room.doc.getText("t").insert(0, "server text");
    const client = fakeConnection();
    room.join(client);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
    room.receive(client, encoding.toUint8Array(encoder));
    const reply = client.frames.at(-1) as Uint8Array;
    expect(messageType(reply)).toEqual([MessageType.sync, syncProtocol.messageYjsSyncStep2]);
    const decoder = decoding.createDecoder(reply);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, decoding.readVarUint8Array(decoder));
    expect(replica.getText("t").toString()).toBe("server text");
  });

  it("applies an update and relays it to the other sockets at the end of the turn, not back to its sender", async () => {
    const room = makeRoom();
    const sender = fakeConnection();
    const other = fakeConnection();
    joinSynced(room, sender);
    joinSynced(room, other);
    const before = { sender: sender.frames.length, other: other.frames.length };
    const { frame } = updateFrame((doc) => doc.getText("t").insert(0, "hello"));
    room.receive(sender, frame);
    expect(room.doc.getText("t").toString()).toBe("hello");
    expect(other.frames.length).toBe(before.other);
    await nextTurn();
    expect(sender.frames.length).toBe(before.sender);
    expect(other.frames.length).toBe(before.other + 1);
    expect(room.unstored).toBe(true);
    room.destroy();
  });

  it("sends others' edits to a socket only once it was answered its sync step 1, whose answer carries the edits before", async () => {
    const room = makeRoom();
    const writer = fakeConnection();
    const newcomer = fakeConnection();
    joinSynced(room, writer);
    room.join(newcomer);
    const greeted = newcomer.frames.length;
    room.receive(writer, updateFrame((doc) => doc.getText("t").insert(0, "before")).frame);
    await nextTurn();
    // Not yet: an edit built on text it does not have would sit pending in its Y.Doc.
    expect(newcomer.frames.length).toBe(greeted);
    room.receive(newcomer, SYNC_STEP_1_EMPTY);
    expect(newcomer.frames.length).toBe(greeted + 1);
    const replica = new Y.Doc();
    applyServerFrame(replica, newcomer.frames.at(-1) as Uint8Array);
    expect(replica.getText("t").toString()).toBe("before");
    // From now on it hears every edit.
    room.receive(writer, updateFrame((doc) => doc.getText("t").insert(0, "after ")).frame);
    await nextTurn();
    expect(newcomer.frames.length).toBe(greeted + 2);
    room.destroy();
  });

  it.each([
    ["garbage bytes", new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])],
    ["an unknown message type", new Uint8Array([42])],
    ["an unknown sync type", new Uint8Array([0, 9, 0])],
    ["a truncated update", new Uint8Array([0, 2, 50, 1, 2, 3])],
    ["an empty frame", new Uint8Array([])],
    ["trailing bytes", new Uint8Array([3, 7])],
    // Found by tests/sync/fuzz.test.ts: answering it threw outside any handler and killed the process.
    ["a sync step 1 whose state vector does not decode", new Uint8Array([0, 0, 2, 5, 1])],
    ["a sync step 1 with an empty state vector", new Uint8Array([0, 0, 0])],
  ])("refuses %s with a protocol error and leaves the document alone", (_name, frame) => {
    const room = makeRoom();
    room.doc.getText("t").insert(0, "intact");
    const client = fakeConnection();
    room.join(client);
    expect(() => room.receive(client, frame)).toThrow(ProtocolError);
    expect(room.doc.getText("t").toString()).toBe("intact");
  });

  it("refuses a valid update followed by trailing bytes without applying it", () => {
    const room = makeRoom();
    const client = fakeConnection();
    const other = fakeConnection();
    room.join(client);
    room.join(other);
    const before = other.frames.length;
    const { frame } = updateFrame((doc) => doc.getText("t").insert(0, "sneaky"));
    const padded = new Uint8Array(frame.byteLength + 2);
    padded.set(frame);
    padded.set([7, 7], frame.byteLength);
    expect(() => room.receive(client, padded)).toThrow(ProtocolError);
    expect(room.doc.getText("t").toString()).toBe("");
    expect(other.frames.length).toBe(before);
  });

  it("reads and ignores an auth message in y-protocols' layout", () => {
    const room = makeRoom();
    const client = fakeConnection();
    room.join(client);
    expect(() => room.receive(client, new Uint8Array([2, 0, 0]))).not.toThrow();
    expect(() => room.receive(client, new Uint8Array([2, 0]))).toThrow(ProtocolError);
  });

  it("refuses an update that would pass the document size limit, and accepts one at it", () => {
    const limit = 4_000;
    const room = makeRoom(limit);
    const client = fakeConnection();
    room.join(client);
    const small = updateFrame((doc) => doc.getText("t").insert(0, "a".repeat(1_000)));
    room.receive(client, small.frame);
    const big = updateFrame((doc) => doc.getText("u").insert(0, "b".repeat(limit)));
    let refusal: unknown;
    try {
      room.receive(client, big.frame);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RoomRefusal);
    expect((refusal as RoomRefusal).code).toBe(CloseCode.documentTooLarge);
    expect(room.doc.getText("u").toString()).toBe("");
    expect(room.doc.getText("t").length).toBe(1_000);
    // Exactly up to the limit is still accepted.
    const state = Y.encodeStateAsUpdate(room.doc).byteLength;
    const fits = updateFrame((doc) => doc.getText("v").insert(0, "c".repeat(limit - state - 40)));
    expect(state + fits.update.byteLength).toBeLessThanOrEqual(limit);
    room.receive(client, fits.frame);
    expect(room.doc.getText("v").length).toBeGreaterThan(0);
  });

  it("counts every update since the last measure, so a fast series cannot pass the limit", () => {
    const limit = 10_000;
    const room = makeRoom(limit);
    const client = fakeConnection();
    room.join(client);
    const refused: number[] = [];
    for (let i = 0; i < 10; i++) {
      const { frame } = updateFrame((doc) => doc.getText(`part${i}`).insert(0, "z".repeat(2_000)));
      try {
        room.receive(client, frame);
      } catch (error) {
        refused.push((error as RoomRefusal).code);
      }
    }
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((code) => code === CloseCode.documentTooLarge)).toBe(true);
    expect(Y.encodeStateAsUpdate(room.doc).byteLength).toBeLessThanOrEqual(limit);
  });

  it("relays awareness and forgets a socket's carets when it leaves", () => {
    const room = makeRoom();
    const alice = fakeConnection([], { userId: "alice", displayName: "Alice" });
    const bob = fakeConnection([], { userId: "bob", displayName: "Bob" });
    room.join(alice);
    room.join(bob);
    const aliceDoc = new Y.Doc();
    const aliceAwareness = new awarenessProtocol.Awareness(aliceDoc);
    aliceAwareness.setLocalState({ user: { name: "Alice" } });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(aliceAwareness, [aliceDoc.clientID]),
    );
    const bobBefore = bob.frames.length;
    room.receive(alice, encoding.toUint8Array(encoder));
    expect(room.awareness.getStates().get(aliceDoc.clientID)).toEqual({
      user: { name: "Alice", color: colorForName("Alice") },
    });
    expect(bob.frames.length).toBe(bobBefore + 1);
    room.leave(alice);
    expect(room.awareness.getStates().has(aliceDoc.clientID)).toBe(false);
    expect(bob.frames.length).toBe(bobBefore + 2);
    aliceAwareness.destroy();
  });
});

describe("DocumentRoom caret echoes", () => {
  it("sends a socket's caret change to the others, never back to it; a socket silent for ECHO_WHEN_SILENT_MS hears three bytes", () => {
    const room = makeRoom();
    const alice = fakeConnection([], { userId: "alice", displayName: "Alice" });
    const bob = fakeConnection([], { userId: "bob", displayName: "Bob" });
    room.join(alice);
    room.join(bob);
    const caret = new awarenessProtocol.Awareness(new Y.Doc());
    const awarenessFramesOf = (connection: typeof alice, from: number) =>
      connection.frames.slice(from).filter((frame) => messageType(frame)[0] === MessageType.awareness);

    // While the socket hears from the server, its own caret is not sent back to it.
    caret.setLocalState({ cursor: { at: 1 } });
    let before = { alice: alice.frames.length, bob: bob.frames.length };
    room.receive(alice, awarenessFrame(caret));
    expect(awarenessFramesOf(bob, before.bob)).toHaveLength(1);
    expect(awarenessFramesOf(alice, before.alice)).toEqual([]);

    // One second short of the silence: still no echo.
    alice.lastSentAt = performance.now() - ECHO_WHEN_SILENT_MS + 1_000;
    caret.setLocalState({ cursor: { at: 2 } });
    before = { alice: alice.frames.length, bob: bob.frames.length };
    room.receive(alice, awarenessFrame(caret));
    expect(awarenessFramesOf(bob, before.bob)).toHaveLength(1);
    expect(awarenessFramesOf(alice, before.alice)).toEqual([]);

    // Silent that long (a lone client renewing its caret): three bytes with no caret keep its socket alive.
    alice.lastSentAt = performance.now() - ECHO_WHEN_SILENT_MS;
    caret.setLocalState({ cursor: { at: 3 } });
    before = { alice: alice.frames.length, bob: bob.frames.length };
    room.receive(alice, awarenessFrame(caret));
    const echoed = awarenessFramesOf(alice, before.alice);
    expect(echoed).toEqual([EMPTY_AWARENESS]);
    expect(awarenessStates(echoed[0] as Uint8Array).size).toBe(0);
    expect(awarenessFramesOf(bob, before.bob)).toHaveLength(1);
    expect(awarenessStates(awarenessFramesOf(bob, before.bob)[0] as Uint8Array).get(caret.clientID)).toEqual({
      cursor: { at: 3 },
    });
    // And the stock client takes it as a no-op.
    const stock = new awarenessProtocol.Awareness(new Y.Doc());
    const changes = vi.fn();
    stock.on("update", changes);
    const decoder = decoding.createDecoder(EMPTY_AWARENESS);
    decoding.readVarUint(decoder);
    awarenessProtocol.applyAwarenessUpdate(stock, decoding.readVarUint8Array(decoder), "server");
    expect(changes).not.toHaveBeenCalled();
    stock.destroy();
    caret.destroy();
  });
});

/** An awareness frame from `awareness` for the given client ids. */
function awarenessFrame(awareness: awarenessProtocol.Awareness, clients = [awareness.clientID]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** The caret states an awareness frame carries, by client id. */
function awarenessStates(frame: Uint8Array): Map<number, unknown> {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const states = new Map<number, unknown>();
  for (let count = decoding.readVarUint(update); count > 0; count--) {
    const client = decoding.readVarUint(update);
    decoding.readVarUint(update);
    states.set(client, JSON.parse(decoding.readVarString(update)));
  }
  return states;
}

describe("DocumentRoom and a commenter's updates", () => {
  it("applies and relays a commenter's own suggestion, and drops any other update with a reason", async () => {
    const room = makeRoom();
    const commenter = fakeConnection([], { role: "commenter", suggestOnly: true, userId: "alice" });
    const editor = fakeConnection();
    joinSynced(room, commenter);
    joinSynced(room, editor);
    const before = editor.frames.length;

    const plain = updateFrame((doc) => doc.getText("t").insert(0, "plain edit"));
    room.receive(commenter, plain.frame);
    expect(room.doc.getText("t").toString()).toBe("");
    expect(editor.frames.length).toBe(before);
    expect(messageType(commenter.frames.at(-1) as Uint8Array)).toEqual([MessageType.auth, undefined]);

    const entry = {
      id: "s-abcdefgh",
      authorId: "alice",
      authorName: "Alice",
      createdAt: "2026-12-04T10:00:00.000Z",
      from: "AA==",
      to: "AA==",
      insert: "Member States",
    };
    const suggestion = updateFrame((doc) => doc.getMap(SUGGESTIONS_FIELD).set(entry.id, entry));
    room.receive(commenter, suggestion.frame);
    await nextTurn();
    expect(room.doc.getMap(SUGGESTIONS_FIELD).get(entry.id)).toEqual(entry);
    expect(editor.frames.length).toBe(before + 1);
  });
});

describe("DocumentRoom awareness limits", () => {
  afterEach(() => vi.useRealTimers());

  it("sends on a flood of caret moves at the set rate, coalesced, and the last position always arrives", () => {
    vi.useFakeTimers();
    const room = makeRoom(1 << 20, { awarenessUpdatesPerSecond: 5 });
    const flooder = fakeConnection();
    const watcher = fakeConnection();
    room.join(flooder);
    room.join(watcher);
    const before = watcher.frames.length;
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    for (let position = 0; position < 200; position++) {
      awareness.setLocalState({ cursor: position });
      room.receive(flooder, awarenessFrame(awareness));
    }
    // Two seconds' worth (10) at once, then nothing until the budget refills.
    expect(watcher.frames.length - before).toBe(10);
    expect(room.awareness.getStates().get(awareness.clientID)).toEqual({ cursor: 199 });
    vi.advanceTimersByTime(199);
    expect(watcher.frames.length - before).toBe(10);
    vi.advanceTimersByTime(1);
    expect(watcher.frames.length - before).toBe(11);
    expect(awarenessStates(watcher.frames.at(-1) as Uint8Array).get(awareness.clientID)).toEqual({
      cursor: 199,
    });
    vi.advanceTimersByTime(10_000);
    expect(watcher.frames.length - before).toBe(11);
    room.destroy();
    awareness.destroy();
  });

  it("closes with 1009 an awareness message over MAX_AWARENESS_BYTES, applying none of it, and takes one at it", () => {
    const room = makeRoom(1 << 20, { maxAwarenessBytes: 1_000 });
    const sender = fakeConnection();
    room.join(sender);
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    // An awareness frame whose update (what the limit counts) is exactly `bytes` long.
    const sized = (bytes: number) => {
      let length = bytes;
      for (;;) {
        awareness.setLocalState({ name: "n".repeat(length) });
        const size = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]).byteLength;
        if (size === bytes) return awarenessFrame(awareness);
        length -= size - bytes;
      }
    };
    room.receive(sender, sized(1_000));
    expect(room.awareness.getStates().has(awareness.clientID)).toBe(true);
    const refusal = (() => {
      try {
        room.receive(sender, sized(1_001));
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(RoomRefusal);
    expect((refusal as RoomRefusal).code).toBe(CloseCode.messageTooBig);
    expect((room.awareness.getStates().get(awareness.clientID) as { name: string }).name.length).toBeLessThan(
      1_000,
    );
    awareness.destroy();
  });

  it("closes with 1008 a socket announcing more than MAX_AWARENESS_CLIENTS caret ids, and sends none of the extra on", () => {
    const room = makeRoom(1 << 20, { maxAwarenessClients: 2 });
    const sender = fakeConnection();
    const watcher = fakeConnection();
    room.join(sender);
    room.join(watcher);
    const carets = [1, 2, 3].map(() => new awarenessProtocol.Awareness(new Y.Doc()));
    for (const caret of carets) caret.setLocalState({ cursor: 0 });
    room.receive(sender, awarenessFrame(carets[0] as awarenessProtocol.Awareness));
    room.receive(sender, awarenessFrame(carets[1] as awarenessProtocol.Awareness));
    const sent = watcher.frames.length;
    expect(() => room.receive(sender, awarenessFrame(carets[2] as awarenessProtocol.Awareness))).toThrow(
      expect.objectContaining({ code: CloseCode.policyViolation }),
    );
    expect(watcher.frames.length).toBe(sent);
    // Leaving removes all three, the extra one included.
    room.leave(sender);
    expect(room.awareness.getStates().size).toBe(0);
    for (const caret of carets) caret.destroy();
  });
});

describe("DocumentRoom and deletions ahead of time", () => {
  /** An editor's update: nothing of its own, a deletion of `client`'s clocks from `clock` on. */
  const deletion = (client: number, clock: number, length: number) =>
    encodeUpdate(encodeCraftedUpdate({ runs: [], deletes: [{ client, clock, length }] }));

  it("drops an editor's deletion of clocks another person has not sent yet, so their next words stay; deletes what is held", async () => {
    const room = makeRoom();
    const tom = fakeConnection([], { userId: "tom" });
    const eve = fakeConnection([], { userId: "eve" });
    joinSynced(room, tom);
    joinSynced(room, eve);
    const tomDoc = new Y.Doc();
    tomDoc.clientID = 4242;
    const sent: Uint8Array[] = [];
    tomDoc.on("update", (update: Uint8Array) => sent.push(update));
    tomDoc.getText("t").insert(0, "ab");
    room.receive(tom, encodeUpdate(sent.shift() as Uint8Array));
    // Clock 0 is held: deleting it is an editor's right. Clocks 2 to 999 are not: dropped, and Eve told.
    const before = eve.frames.length;
    room.receive(eve, deletion(4242, 0, 1000));
    expect(room.doc.getText("t").toString()).toBe("");
    expect(eve.frames.slice(before).map((f) => messageType(f)[0])).toContain(MessageType.auth);
    // Tom types on: his words arrive whole.
    tomDoc.getText("t").insert(2, "cd");
    room.receive(tom, encodeUpdate(sent.shift() as Uint8Array));
    expect(room.doc.getText("t").toString()).toBe("cd");
    expect(room.doc.store.pendingDs).toBeNull();
    await nextTurn();
    room.destroy();
  });

  it("leaves an editor's deletion of their own clocks, and of another person's held ones, as they are", () => {
    const room = makeRoom();
    const eve = fakeConnection([], { userId: "eve" });
    joinSynced(room, eve);
    const doc = new Y.Doc();
    doc.clientID = 77;
    const sent: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => sent.push(u));
    doc.getText("t").insert(0, "abc");
    room.receive(eve, encodeUpdate(sent.shift() as Uint8Array));
    const before = eve.frames.length;
    room.receive(eve, deletion(77, 1, 10));
    expect(room.doc.getText("t").toString()).toBe("a");
    expect(eve.frames.length).toBe(before);
    room.destroy();
  });
});
