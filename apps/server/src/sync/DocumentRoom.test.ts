import { CloseCode, MessageType } from "@caucus/shared";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import pino from "pino";
import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { UpdateLog } from "../storage/UpdateLog.js";
import { DocumentRoom, RoomRefusal } from "./DocumentRoom.js";
import { encodeUpdate, ProtocolError } from "./messages.js";
import { RoomStore } from "./RoomStore.js";
import { StoreScheduler } from "./StoreScheduler.js";
import { fakeConnection } from "./testing.js";

/** A room over a log that never writes (storage is tested in RoomStore.test). */
function makeRoom(maxDocumentBytes = 1 << 20): DocumentRoom {
  const doc = new Y.Doc();
  const room = new DocumentRoom("doc", doc, maxDocumentBytes);
  const log = { append: async () => 1, compact: async () => 1 } as unknown as UpdateLog;
  room.store = new RoomStore({
    documentId: "doc",
    doc,
    log,
    logger: pino({ level: "silent" }),
    scheduler: new StoreScheduler(log, 60_000, pino({ level: "silent" })),
    compactAfter: 100,
    initialRows: 0,
    onStored: (vector) => room.announceStored(vector),
  });
  return room;
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

function messageType(frame: Uint8Array): [number, number | undefined] {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  return [type, type === MessageType.sync ? decoding.readVarUint(decoder) : undefined];
}

describe("DocumentRoom protocol handling", () => {
  it("greets a socket with sync step 1, and stored acks only when asked", () => {
    const room = makeRoom();
    const plain = fakeConnection();
    const acking = fakeConnection(["stored"]);
    room.join(plain);
    room.join(acking);
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

  it("applies an update and relays it to the other sockets, not back to its sender", () => {
    const room = makeRoom();
    const sender = fakeConnection();
    const other = fakeConnection();
    room.join(sender);
    room.join(other);
    const before = { sender: sender.frames.length, other: other.frames.length };
    const { frame } = updateFrame((doc) => doc.getText("t").insert(0, "hello"));
    room.receive(sender, frame);
    expect(room.doc.getText("t").toString()).toBe("hello");
    expect(sender.frames.length).toBe(before.sender);
    expect(other.frames.length).toBe(before.other + 1);
    expect(room.store.pending).toBe(true);
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
    const alice = fakeConnection();
    const bob = fakeConnection();
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
    expect(room.awareness.getStates().get(aliceDoc.clientID)).toEqual({ user: { name: "Alice" } });
    expect(bob.frames.length).toBe(bobBefore + 1);
    room.leave(alice);
    expect(room.awareness.getStates().has(aliceDoc.clientID)).toBe(false);
    expect(bob.frames.length).toBe(bobBefore + 2);
    aliceAwareness.destroy();
  });
});
