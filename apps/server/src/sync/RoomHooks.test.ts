import pino from "pino";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { recordingLogger } from "../testing/logs.js";
import { testRoom } from "../testing/rooms.js";
import { fakeConnection } from "../testing/sockets.js";
import { INSTANCE_ID_BYTES } from "./DocumentFanout.js";
import { encodeUpdate } from "./messages.js";
import { RoomHooks, type TRoomHooks } from "./RoomHooks.js";

/** One update that inserts `text`, from a client of its own. */
function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** A feature that records what it heard, as a class does (its `this` matters). */
class EditRecorder implements TRoomHooks {
  readonly heard: string[] = [];
  edited(documentId: string): void {
    this.heard.push(documentId);
  }
}

describe("RoomHooks", () => {
  it("tells each registered feature of every edit, from a socket here or from another instance", () => {
    const hooks = new RoomHooks(pino({ level: "silent" }));
    const versions = new EditRecorder();
    const estimates = new EditRecorder();
    hooks.register(versions);
    hooks.register(estimates);
    const room = testRoom({ documentId: "draft", hooks });
    const socket = fakeConnection();
    room.join(socket);

    room.receive(socket, encodeUpdate(edit("Madam Chair")));
    room.receiveFromPeer(new Uint8Array(INSTANCE_ID_BYTES).fill(2), {
      kind: "update",
      seq: 1,
      update: edit(","),
    });
    expect(versions.heard).toEqual(["draft", "draft"]);
    expect(estimates.heard).toEqual(["draft", "draft"]);
  });

  it("hears rooms loaded before the feature registered, and stops hearing once removed", () => {
    const hooks = new RoomHooks(pino({ level: "silent" }));
    const room = testRoom({ hooks });
    const late = new EditRecorder();
    const remove = hooks.register(late);
    room.doc.getText("t").insert(0, "heard");
    remove();
    room.doc.getText("t").insert(0, "not heard");
    expect(late.heard).toEqual(["doc"]);
  });

  it("logs a feature's failure, and the edit, its socket and the other features go on", () => {
    const { logger, lines: logged } = recordingLogger("error");
    const hooks = new RoomHooks(logger);
    hooks.register({
      edited: () => {
        throw new Error("a bug in a feature");
      },
    });
    const after = new EditRecorder();
    hooks.register(after);
    const room = testRoom({ hooks });
    const socket = fakeConnection();
    room.join(socket);

    room.receive(socket, encodeUpdate(edit("kept")));
    expect(room.doc.getText("t").toString()).toBe("kept");
    expect(socket.closed).toBeUndefined();
    expect(after.heard).toEqual(["doc"]);
    expect(logged.join("")).toContain("a room hook failed");
  });

  it("tells each feature of an opened socket and calls the releases they returned once it closes, past a failing one", () => {
    const hooks = new RoomHooks(pino({ level: "silent" }));
    const calls: string[] = [];
    hooks.register({ opened: () => undefined });
    expect(
      hooks.opened({ documentId: "d", identity: {} as never, query: new URLSearchParams() }),
    ).toBeUndefined();
    hooks.register({
      opened: () => () => {
        calls.push("first released");
        throw new Error("a bug in a release");
      },
    });
    hooks.register({
      opened: () => {
        throw new Error("a bug in a hook");
      },
    });
    hooks.register({ opened: (socket) => () => calls.push(`second released ${socket.documentId}`) });
    const release = hooks.opened({ documentId: "d", identity: {} as never, query: new URLSearchParams() });
    expect(calls).toEqual([]);
    release?.();
    expect(calls).toEqual(["first released", "second released d"]);
  });
});
