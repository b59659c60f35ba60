import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { parseLedger, pendingEdits, pruneCovered, recordEdit, type TLedger } from "./editLedger";
import { trackLocalEdits } from "./localEdits";
import { computeSaveStatus } from "./saveStatus";
import { UpdateFrames } from "./UpdateFrames";

/**
 * A tab as CollaborationSession wires it: a document whose local
 * transactions go into the ledger, and a socket (any object here) that
 * sends one update frame per transaction while it is open.
 */
function tab() {
  const ydoc = new Y.Doc();
  const text = ydoc.getText("t");
  const ledger: TLedger = {};
  const frames = new UpdateFrames();
  let socket: object | null = null;
  trackLocalEdits(ydoc, (client, clock, deletion) => {
    const entry = recordEdit(ledger, client, clock, deletion);
    if (deletion) frames.recordDeletion(socket, entry, socket !== null);
  });
  ydoc.on("update", () => {
    if (socket) frames.frameSent(socket, false, ledger);
  });
  const vector = () => Y.decodeStateVector(Y.encodeStateVector(ydoc));
  return {
    text,
    ledger,
    vector,
    /** A socket opens; `syncStep2` sends the answer to the server's step 1, which carries every deletion. */
    connect() {
      socket = {};
      return {
        syncStep2: () => frames.frameSent(socket, true, ledger),
        /** The server's `stored` message: its vector, and how many of this socket's frames are stored. */
        stored: (stored: Map<number, number>, count: number) => {
          frames.stored(socket, count, ledger);
          pruneCovered(ledger, stored);
        },
      };
    },
    disconnect() {
      socket = null;
    },
    status: () =>
      computeSaveStatus({
        connection: "connected",
        synced: true,
        browserOnline: true,
        failedAttempts: 0,
        pendingEdits: pendingEdits(ledger, null),
        lastCloseCode: null,
      }).state,
  };
}

describe("a deletion's save status", () => {
  it("stays saving until the frame that carried it is stored, though the stored vector covers the document", () => {
    const t = tab();
    const server = t.connect();
    server.syncStep2(); // frame 1, empty
    t.text.insert(0, "Member States shall"); // frame 2
    server.stored(t.vector(), 2);
    expect(t.status()).toBe("saved");

    t.text.delete(0, "Member ".length); // frame 3: no clock moves
    // A write that began before the deletion arrived: the vector is all the client has, and covers it.
    server.stored(t.vector(), 2);
    expect(t.status()).toBe("saving");
    expect(pendingEdits(t.ledger, t.vector())).toBe(1);
    server.stored(t.vector(), 3);
    expect(t.status()).toBe("saved");
  });

  it("is carried by the next socket's sync step 2 when it was made offline, not by an update frame sent before it", () => {
    const t = tab();
    t.text.insert(0, "abc");
    t.text.delete(0, 1);
    const server = t.connect();
    t.text.insert(2, "d"); // frame 1: typed before the step 2 went out; it holds no deletion
    server.syncStep2(); // frame 2
    server.stored(new Map(), 1);
    expect(pendingEdits(t.ledger, null)).toBe(3);
    server.stored(t.vector(), 2);
    expect(pendingEdits(t.ledger, null)).toBe(0);
  });

  it("waits for the step 2 also when made on a socket that has not sent it, lest it settle one made offline", () => {
    const t = tab();
    t.text.insert(0, "abcd");
    t.text.delete(0, 1); // offline
    const server = t.connect();
    t.text.delete(0, 1); // frame 1, before the step 2: the offline deletion is not in it
    server.stored(t.vector(), 1);
    expect(pendingEdits(t.ledger, t.vector())).toBe(2);
    server.syncStep2(); // frame 2
    server.stored(t.vector(), 2);
    expect(pendingEdits(t.ledger, t.vector())).toBe(0);
  });

  it("does not count what a closed socket carried as stored by the count of a new one", () => {
    const t = tab();
    let server = t.connect();
    server.syncStep2(); // frame 1
    t.text.insert(0, "abc"); // frame 2
    server.stored(t.vector(), 2);
    t.text.delete(0, 1); // frame 3 on the first socket, never acknowledged
    t.disconnect();
    server = t.connect();
    t.text.insert(2, "x"); // frame 1 of the second socket
    t.text.insert(3, "y"); // frame 2
    server.stored(t.vector(), 2);
    expect(pendingEdits(t.ledger, t.vector())).toBe(1);
    server.syncStep2(); // frame 3: the deletion goes again
    server.stored(t.vector(), 3);
    expect(pendingEdits(t.ledger, null)).toBe(0);
  });

  it("is not shown stored by the clock of a later edit that overtook it after a reconnect", () => {
    const t = tab();
    t.text.insert(0, "abc");
    t.text.delete(0, 1); // offline: it will travel in the next sync step 2
    const server = t.connect();
    t.text.insert(0, "z"); // frame 1, before the step 2: the server applies and stores it first
    server.stored(t.vector(), 1);
    expect(pendingEdits(t.ledger, t.vector())).toBe(1);
    server.syncStep2(); // frame 2
    server.stored(t.vector(), 2);
    expect(pendingEdits(t.ledger, t.vector())).toBe(0);
  });

  it('still counts as unsent after a page load (the count "Sign out and erase this device" warns of)', () => {
    const t = tab();
    t.text.insert(0, "abc");
    pruneCovered(t.ledger, t.vector());
    t.text.delete(0, 3);
    expect(pendingEdits(parseLedger(JSON.stringify(t.ledger)), null)).toBe(1);
  });
});
