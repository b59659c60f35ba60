import { CAPABILITY_STORED } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { testRoom } from "../testing/rooms.js";
import { fakeConnection, joinSynced, storedMessages } from "../testing/sockets.js";
import { ClientClaims, MemoryClaimStore } from "./ClientClaims.js";
import { encodeUpdate } from "./messages.js";
import type { UpdateLog } from "./UpdateLog.js";

/** A client's document: each of its transactions becomes one update frame, as y-websocket sends them. */
function clientDoc() {
  const doc = new Y.Doc();
  const frames: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => frames.push(encodeUpdate(update)));
  const next = (): Uint8Array => {
    const frame = frames.shift();
    if (!frame) throw new Error("the client sent no frame");
    return frame;
  };
  return { doc, text: doc.getText("t"), next };
}

/** A log whose writes wait while `hold()` is in force, until `release()`. */
function gatedLog() {
  let gate: Promise<void> = Promise.resolve();
  let open = () => {};
  const appended: Uint8Array[] = [];
  const append = async (update: Uint8Array) => {
    await gate;
    appended.push(update);
  };
  const log = {
    append: async (_id: string, update: Uint8Array) => append(update).then(() => 1),
    appendMany: async (entries: { documentId: string; update: Uint8Array }[]) => {
      for (const entry of entries) await append(entry.update);
      return new Map(entries.map((entry) => [entry.documentId, 1]));
    },
    compact: async () => 1,
  } as unknown as UpdateLog;
  return {
    log,
    appended,
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release: () => open(),
  };
}

/** Whether `vector` covers every clock of `doc`: all a client reading only the vector can check. */
function covers(vector: Map<number, number>, doc: Y.Doc): boolean {
  return [...Y.decodeStateVector(Y.encodeStateVector(doc))].every(
    ([client, clock]) => (vector.get(client) ?? 0) >= clock,
  );
}

describe("DocumentRoom stored acknowledgements", () => {
  it("acknowledges a deletion only with a write that began after it arrived, which no state vector could show", async () => {
    const storage = gatedLog();
    const room = testRoom({ log: storage.log });
    const socket = fakeConnection([CAPABILITY_STORED]);
    joinSynced(room, socket);
    const client = clientDoc();
    client.text.insert(0, "Member States shall");
    room.receive(socket, client.next());

    // A write begins with the insertion; the deletion arrives while it runs.
    storage.hold();
    const first = room.flush();
    client.text.delete(0, "Member ".length);
    room.receive(socket, client.next());
    storage.release();
    await first;

    const afterFirst = storedMessages(socket).at(-1);
    // The vector already covers everything the client has: read alone, it says the deletion is stored.
    expect(afterFirst?.vector && covers(afterFirst.vector, client.doc)).toBe(true);
    // The frame count does not.
    expect(afterFirst?.frames).toBe(1);
    expect(storage.appended).toHaveLength(1);

    await room.flush();
    expect(storage.appended).toHaveLength(2);
    expect(storedMessages(socket).at(-1)?.frames).toBe(2);
    const reloaded = new Y.Doc();
    for (const update of storage.appended) Y.applyUpdate(reloaded, update);
    expect(reloaded.getText("t").toString()).toBe("States shall");
    room.destroy();
  });

  it("tells each socket its own count, the vector to all when it moves, and nothing to a socket that did not ask", async () => {
    const room = testRoom();
    const writer = fakeConnection([CAPABILITY_STORED]);
    const reader = fakeConnection([CAPABILITY_STORED]);
    const stock = fakeConnection();
    for (const socket of [writer, reader, stock]) joinSynced(room, socket);
    const client = clientDoc();
    client.text.insert(0, "a");
    room.receive(writer, client.next());
    client.text.insert(1, "b");
    room.receive(writer, client.next());
    await room.flush();
    expect(storedMessages(writer).at(-1)?.frames).toBe(2);
    expect(storedMessages(reader).at(-1)).toEqual({ vector: new Map([[client.doc.clientID, 2]]), frames: 0 });
    expect(storedMessages(stock)).toEqual([]);
    // A write that moves no clock is told only to the socket whose frame it stored.
    const told = storedMessages(reader).length;
    client.text.delete(0, 1);
    room.receive(writer, client.next());
    await room.flush();
    expect(storedMessages(writer).at(-1)?.frames).toBe(3);
    expect(storedMessages(reader)).toHaveLength(told);
    room.destroy();
  });

  it("acknowledges at once a frame that changes nothing when everything is stored", async () => {
    const room = testRoom();
    const socket = fakeConnection([CAPABILITY_STORED]);
    joinSynced(room, socket);
    const client = clientDoc();
    client.text.insert(0, "twice");
    const frame = client.next();
    room.receive(socket, frame);
    await room.flush();
    expect(storedMessages(socket).at(-1)?.frames).toBe(1);
    // The same edit again (a sync step 2 after a reconnect would resend it): nothing to write.
    room.receive(socket, frame);
    expect(room.unstored).toBe(false);
    expect(storedMessages(socket).at(-1)?.frames).toBe(2);
    room.destroy();
  });

  it("counts a viewer's refused frames, so that its count still matches the client's", () => {
    const room = testRoom();
    const viewer = fakeConnection([CAPABILITY_STORED], { role: "viewer", readOnly: true });
    joinSynced(room, viewer);
    const client = clientDoc();
    client.text.insert(0, "not mine to write");
    room.receive(viewer, client.next());
    expect(room.doc.getText("t").toString()).toBe("");
    expect(storedMessages(viewer).at(-1)?.frames).toBe(1);
    room.destroy();
  });

  it("counts a frame that waits for its client id to be claimed only once it applies", async () => {
    let claimed = () => {};
    const waitingStore = new MemoryClaimStore();
    const slowClaims = new ClientClaims({
      owners: (ids) => waitingStore.owners(ids),
      claim: async (ids, userId) => {
        await new Promise<void>((resolve) => {
          claimed = resolve;
        });
        return waitingStore.claim(ids, userId);
      },
    });
    const room = testRoom({ claims: slowClaims });
    const socket = fakeConnection([CAPABILITY_STORED]);
    joinSynced(room, socket);
    const client = clientDoc();
    client.text.insert(0, "new client id");
    const waiting = room.receive(socket, client.next());
    expect(waiting).toBeInstanceOf(Promise);
    // Still waiting on the database: nothing of it is stored, however often the room writes.
    room.doc.getText("other").insert(0, "someone else");
    await room.flush();
    expect(storedMessages(socket).at(-1)?.frames).toBe(0);
    claimed();
    await waiting;
    expect(room.doc.getText("t").toString()).toBe("new client id");
    expect(storedMessages(socket).at(-1)?.frames).toBe(0);
    await room.flush();
    expect(storedMessages(socket).at(-1)?.frames).toBe(1);
    room.destroy();
  });
});
