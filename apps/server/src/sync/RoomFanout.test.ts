import { CAPABILITY_STORED, colorForName, MessageType } from "@caucus/shared";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { recordingLogger } from "../testing/logs.js";
import { testRoom } from "../testing/rooms.js";
import { fakeConnection, joinSynced, nextTurn, storedMessages } from "../testing/sockets.js";
import { type DocumentFanout, INSTANCE_ID_BYTES, type TFanoutMessage } from "./DocumentFanout.js";
import { encodeUpdate } from "./messages.js";
import type { UpdateLog } from "./UpdateLog.js";

const DOC = "00000000-0000-4000-8000-000000000000";
const ADOPT_AFTER_MS = 5_000;

function instanceId(fill: number): Uint8Array {
  return new Uint8Array(INSTANCE_ID_BYTES).fill(fill);
}

/** What one instance published, in order. */
class RecordingFanout implements DocumentFanout {
  readonly sent: TFanoutMessage[] = [];
  constructor(readonly instance: Uint8Array) {}
  async join(): Promise<() => Promise<void>> {
    return async () => {};
  }
  async publish(_documentId: string, message: TFanoutMessage): Promise<boolean> {
    this.sent.push(message);
    return true;
  }
}

/**
 * A room of instance `fill` over a recording fan-out and a log that records
 * what it appends (each append first awaits `beforeAppend`, if given);
 * `announced()` is what its clients were told is stored.
 */
function instance(fill: number, beforeAppend?: () => Promise<void>) {
  const fanout = new RecordingFanout(instanceId(fill));
  const appended: Uint8Array[] = [];
  const log = {
    append: async (_id: string, update: Uint8Array) => {
      await beforeAppend?.();
      return appended.push(update);
    },
    appendMany: async (entries: { documentId: string; update: Uint8Array }[]) => {
      for (const entry of entries) appended.push(entry.update);
      return new Map();
    },
    compact: async () => 0,
  } as unknown as UpdateLog;
  const { logger, lines: warnings } = recordingLogger("info");
  const room = testRoom({
    documentId: DOC,
    limits: { maxDocumentBytes: 1 << 20 },
    log,
    fanout,
    logger,
    adoptAfterMs: ADOPT_AFTER_MS,
    compactAfter: 1_000,
  });
  const acknowledged = fakeConnection([CAPABILITY_STORED]);
  room.join(acknowledged);
  const announced = () => acknowledged.frames.flatMap(storedVector);
  return { fanout, room, appended, announced, warnings, id: instanceId(fill) };
}

/** The state vector of a `stored` frame, or nothing for another frame. */
function storedVector(frame: Uint8Array): Map<number, number>[] {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MessageType.stored) return [];
  return [Y.decodeStateVector(decoding.readVarUint8Array(decoder))];
}

/** An edit by a client of another instance, as the fan-out carries it. */
function remoteEdit(text: string): { update: Uint8Array; clientID: number } {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return { update: Y.encodeStateAsUpdate(doc), clientID: doc.clientID };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("RoomFanout", () => {
  it("publishes our sockets' edits with a seq and says which it stored", async () => {
    const a = instance(1);
    a.room.doc.getText("t").insert(0, "Madam Chair");
    a.room.doc.getText("t").insert(11, ",");
    expect(a.fanout.sent.map((m) => m.kind)).toEqual(["update", "update"]);
    expect(a.fanout.sent.map((m) => (m.kind === "update" ? m.seq : -1))).toEqual([1, 2]);
    await a.room.flush();
    const stored = a.fanout.sent.filter((m) => m.kind === "stored");
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: "stored", seq: 2 });
    expect(Buffer.from((stored[0] as { owner: Uint8Array }).owner).equals(Buffer.from(a.id))).toBe(true);
  });

  it("relays another instance's edit to our sockets without storing it, and holds it until stored", async () => {
    const a = instance(1);
    const socket = fakeConnection();
    joinSynced(a.room, socket);
    const framesBefore = socket.frames.length;
    const edit = remoteEdit("We, the undersigned");
    a.room.receiveFromPeer(instanceId(2), { kind: "update", seq: 7, update: edit.update });
    expect(a.room.doc.getText("t").toString()).toBe("We, the undersigned");
    await nextTurn();
    expect(socket.frames.length).toBe(framesBefore + 1);
    // Not published again, not ours to store.
    expect(a.fanout.sent.filter((m) => m.kind === "update")).toEqual([]);
    await a.room.flush();
    expect(a.appended).toEqual([]);
    // Held: once an edit of ours is stored, clients are told so, but not of the held one.
    a.room.doc.getText("ours").insert(0, "x");
    await a.room.flush();
    expect(a.announced().at(-1)?.get(edit.clientID)).toBe(0);

    // Its instance stored it up to seq 6 only: still held. Then up to 7: released.
    a.room.receiveFromPeer(instanceId(9), { kind: "stored", owner: instanceId(2), seq: 6 });
    expect(a.announced().at(-1)?.get(edit.clientID)).toBe(0);
    a.room.receiveFromPeer(instanceId(9), { kind: "stored", owner: instanceId(2), seq: 7 });
    // Clients may now be told it is stored.
    expect(a.announced().at(-1)?.get(edit.clientID)).toBe(19);
  });

  it("does not hold an edit it already had", () => {
    const a = instance(1);
    const edit = remoteEdit("twice");
    a.room.receiveFromPeer(instanceId(2), { kind: "update", seq: 1, update: edit.update });
    a.room.receiveFromPeer(instanceId(2), { kind: "stored", owner: instanceId(2), seq: 1 });
    a.room.receiveFromPeer(instanceId(3), { kind: "update", seq: 4, update: edit.update });
    // Nothing to store for them, however long they stay silent.
    a.room.adoptPeerEdits(0);
    expect(a.room.unstored).toBe(false);
  });

  it("stores, after ADOPT_AFTER_MS, edits whose instance never confirmed them, and says so for it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
    const a = instance(1);
    a.room.receiveFromPeer(instanceId(2), { kind: "update", seq: 3, update: remoteEdit("first ").update });
    a.room.receiveFromPeer(instanceId(2), { kind: "update", seq: 4, update: remoteEdit("second").update });
    vi.advanceTimersByTime(ADOPT_AFTER_MS - 1);
    expect(a.room.unstored).toBe(false);
    vi.advanceTimersByTime(ADOPT_AFTER_MS);
    expect(a.room.unstored).toBe(true);
    vi.useRealTimers();
    await a.room.flush();
    expect(a.appended).toHaveLength(1);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, a.appended[0] as Uint8Array);
    expect(reloaded.getText("t").toString()).toBe(a.room.doc.getText("t").toString());
    const stored = a.fanout.sent.find((m) => m.kind === "stored");
    expect(stored).toMatchObject({ kind: "stored", seq: 4 });
    expect(Buffer.from((stored as { owner: Uint8Array }).owner).equals(Buffer.from(instanceId(2)))).toBe(
      true,
    );
  });

  it.each([
    ["its instance stores it", "confirmed"],
    ["this one adopts and writes it", "adopted"],
  ])(
    "acknowledges a socket's deletion that another instance's client made first only once %s",
    async (_name, how) => {
      let gate: Promise<void> | undefined;
      const a = instance(1, () => gate ?? Promise.resolve());
      const socket = fakeConnection([CAPABILITY_STORED]);
      joinSynced(a.room, socket);
      const ours = new Y.Doc();
      ours.getText("t").insert(0, "Draft text");
      a.room.receive(socket, encodeUpdate(Y.encodeStateAsUpdate(ours)));
      await a.room.flush();
      expect(storedMessages(socket).at(-1)?.frames).toBe(1);

      // A client of instance 2 deletes "Draft ": relayed here, held for instance 2 to store.
      const theirs = new Y.Doc();
      Y.applyUpdate(theirs, Y.encodeStateAsUpdate(ours));
      const before = Y.encodeStateVector(theirs);
      theirs.getText("t").delete(0, "Draft ".length);
      a.room.receiveFromPeer(instanceId(2), {
        kind: "update",
        seq: 5,
        update: Y.encodeStateAsUpdate(theirs, before),
      });
      // Ours makes the same deletion: it changes nothing here, so nothing here stores it.
      const sent = Y.encodeStateVector(ours);
      ours.getText("t").delete(0, "Draft ".length);
      a.room.receive(socket, encodeUpdate(Y.encodeStateAsUpdate(ours, sent)));
      expect(a.room.unstored).toBe(false);
      await a.room.flush();
      expect(storedMessages(socket).at(-1)?.frames).toBe(1);

      if (how === "confirmed") {
        a.room.receiveFromPeer(instanceId(9), { kind: "stored", owner: instanceId(2), seq: 5 });
      } else {
        // Adopted while a write that began before runs: that write's success does not count it.
        let open = () => {};
        gate = new Promise((resolve) => {
          open = resolve;
        });
        a.room.doc.getText("other").insert(0, "an edit of ours");
        const running = a.room.flush();
        a.room.adoptPeerEdits(0);
        open();
        await running;
        expect(storedMessages(socket).at(-1)?.frames).toBe(1);
        await a.room.flush();
      }
      expect(storedMessages(socket).at(-1)?.frames).toBe(2);
    },
  );

  it("answers a catch-up request with what the asker lacks, and asks back once", () => {
    const a = instance(1);
    a.room.doc.getText("t").insert(0, "unstored text");
    const asker = new Y.Doc();
    a.room.receiveFromPeer(instanceId(2), {
      kind: "syncRequest",
      to: undefined,
      answerBack: true,
      stateVector: Y.encodeStateVector(asker),
    });
    const reply = a.fanout.sent.find((m) => m.kind === "syncReply");
    if (reply?.kind !== "syncReply") throw new Error("no reply");
    expect(Buffer.from(reply.to).equals(Buffer.from(instanceId(2)))).toBe(true);
    // Our edit is unstored: the asker must hold the reply until we store it.
    expect(reply.seq).toBe(1);
    Y.applyUpdate(asker, reply.update);
    expect(asker.getText("t").toString()).toBe("unstored text");
    const back = a.fanout.sent.filter((m) => m.kind === "syncRequest");
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({ answerBack: false });

    // A request that does not ask back is answered without asking again.
    a.room.receiveFromPeer(instanceId(2), {
      kind: "syncRequest",
      to: instanceId(1),
      answerBack: false,
      stateVector: Y.encodeStateVector(asker),
    });
    expect(a.fanout.sent.filter((m) => m.kind === "syncRequest")).toHaveLength(1);
    expect(a.fanout.sent.filter((m) => m.kind === "syncReply")).toHaveLength(2);
  });

  it("ignores requests and replies meant for another instance", () => {
    const a = instance(1);
    a.room.receiveFromPeer(instanceId(2), {
      kind: "syncRequest",
      to: instanceId(3),
      answerBack: true,
      stateVector: new Uint8Array([0]),
    });
    a.room.receiveFromPeer(instanceId(2), {
      kind: "syncReply",
      to: instanceId(3),
      seq: 5,
      update: remoteEdit("not for us").update,
    });
    expect(a.fanout.sent).toEqual([]);
    expect(a.room.doc.getText("t").toString()).toBe("");
  });

  it("drops a malformed relayed update with a warning and keeps serving", () => {
    const a = instance(1);
    a.room.receiveFromPeer(instanceId(2), {
      kind: "update",
      seq: 1,
      update: new Uint8Array([255, 255, 255, 1]),
    });
    expect(a.warnings.join("")).toContain("dropped a fan-out message that does not apply");
    a.room.receiveFromPeer(instanceId(2), {
      kind: "update",
      seq: 2,
      update: remoteEdit("still fine").update,
    });
    expect(a.room.doc.getText("t").toString()).toBe("still fine");
  });

  it("relays our sockets' carets, applies others' without relaying them back, and never relays a timeout", () => {
    const a = instance(1);
    const b = instance(2);
    const socket = fakeConnection([], { displayName: "Amina" });
    a.room.join(socket);
    const client = new awarenessProtocol.Awareness(new Y.Doc());
    client.setLocalState({ user: { name: "Amina", color: "#0b7" } });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(client, [client.clientID]));
    a.room.receive(socket, encoding.toUint8Array(encoder));

    const published = a.fanout.sent.filter((m) => m.kind === "awareness");
    expect(published).toHaveLength(1);
    const watcher = fakeConnection();
    b.room.join(watcher);
    const framesBefore = watcher.frames.length;
    b.room.receiveFromPeer(a.id, published[0] as TFanoutMessage);
    // The name and colour of Amina's account, set by A, whatever her client said.
    expect(b.room.awareness.getStates().get(client.clientID)).toEqual({
      user: { name: "Amina", color: colorForName("Amina") },
    });
    expect(watcher.frames.length).toBe(framesBefore + 1);
    expect(b.fanout.sent).toEqual([]);

    // B's own 30 s timeout of Amina's caret stays on B.
    awarenessProtocol.removeAwarenessStates(b.room.awareness, [client.clientID], "timeout");
    expect(b.fanout.sent).toEqual([]);
    // Amina's socket leaving A removes her caret everywhere.
    a.room.leave(socket);
    expect(a.fanout.sent.filter((m) => m.kind === "awareness")).toHaveLength(2);
    client.destroy();
  });
});
