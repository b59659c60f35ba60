import { colorForName, Limits, MessageType } from "@caucus/shared";
import { SUGGESTIONS_FIELD, type TSuggestion } from "@caucus/shared/editor";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { testRoom } from "../testing/rooms.js";
import { fakeConnection } from "../testing/sockets.js";
import { type ClaimStore, ClientClaims, MemoryClaimStore, NOBODY } from "./ClientClaims.js";
import type { DocumentRoom } from "./DocumentRoom.js";
import { encodeUpdate } from "./messages.js";

/** A room whose claims are kept in `store` (memory unless a test says otherwise). */
function makeRoom(store: ClaimStore = new MemoryClaimStore()): DocumentRoom {
  return testRoom({ claims: new ClientClaims(store) });
}

/** Every update `doc` makes from now on, as sync frames. */
function recordFrames(doc: Y.Doc): Uint8Array[] {
  const frames: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => frames.push(encodeUpdate(update)));
  return frames;
}

function permissionDenials(connection: { frames: Uint8Array[] }): string[] {
  const reasons: string[] = [];
  for (const frame of connection.frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.auth) continue;
    decoding.readVarUint(decoder);
    reasons.push(decoding.readVarString(decoder));
  }
  return reasons;
}

function awarenessFrame(awareness: awarenessProtocol.Awareness, clients = [awareness.clientID]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** A well-formed suggestion by `authorId`. */
function suggestion(authorId: string, id = `s-${Math.random().toString(36).slice(2, 12)}`): TSuggestion {
  return {
    id,
    authorId,
    authorName: "Someone",
    createdAt: "2026-12-06T10:00:00.000Z",
    from: "AA==",
    to: "AA==",
    insert: "proposed words",
  };
}

describe("whose client id a socket writes under", () => {
  it("keeps an offline editor's next clocks hers: a commenter squatting them is refused, her edits land", () => {
    const room = makeRoom();
    const editor = fakeConnection([], { userId: "editor" });
    const commenter = fakeConnection([], { userId: "commenter", role: "commenter", suggestOnly: true });
    room.join(editor);
    room.join(commenter);

    const editorDoc = new Y.Doc();
    const editorFrames = recordFrames(editorDoc);
    editorDoc.getText("t").insert(0, "Online. ");
    room.receive(editor, editorFrames.shift() as Uint8Array);
    // Offline now: what she types waits in her client.
    editorDoc.getText("t").insert(8, "Typed offline.");

    // The commenter knows her client id (every reader does) and takes her next clock.
    const squatter = new Y.Doc();
    Y.applyUpdate(squatter, Y.encodeStateAsUpdate(room.doc));
    squatter.clientID = editorDoc.clientID;
    const squatted = recordFrames(squatter);
    squatter.getMap(SUGGESTIONS_FIELD).set("s-squatter", suggestion("commenter", "s-squatter"));
    room.receive(commenter, squatted.shift() as Uint8Array);
    expect(permissionDenials(commenter).at(-1)).toMatch(/someone else's/);
    expect(room.doc.getMap(SUGGESTIONS_FIELD).size).toBe(0);

    // Back online: her offline edit applies, whole.
    room.receive(editor, editorFrames.shift() as Uint8Array);
    expect(room.doc.getText("t").toString()).toBe("Online. Typed offline.");
    expect(permissionDenials(editor)).toEqual([]);
  });

  it("keeps what is the sender's own in an update and drops only the structs under another's id", () => {
    const room = makeRoom();
    const alice = fakeConnection([], { userId: "alice" });
    const bob = fakeConnection([], { userId: "bob" });
    room.join(alice);
    room.join(bob);
    const aliceDoc = new Y.Doc();
    const aliceFrames = recordFrames(aliceDoc);
    aliceDoc.getText("t").insert(0, "Alice's words.");
    room.receive(alice, aliceFrames.shift() as Uint8Array);

    // Bob's client holds an edit under Alice's id at her next clock, and one of his own.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(room.doc));
    const bobsOwn = new Y.Doc();
    Y.applyUpdate(bobsOwn, Y.encodeStateAsUpdate(room.doc));
    forged.clientID = aliceDoc.clientID;
    forged.getText("t").insert(0, "FORGED ");
    bobsOwn.getText("t").insert(14, " Bob agrees.");
    const mixed = Y.mergeUpdates([
      Y.encodeStateAsUpdate(forged, Y.encodeStateVector(room.doc)),
      Y.encodeStateAsUpdate(bobsOwn, Y.encodeStateVector(room.doc)),
    ]);
    room.receive(bob, encodeUpdate(mixed));
    expect(room.doc.getText("t").toString()).toBe("Alice's words. Bob agrees.");
    expect(permissionDenials(bob)).toHaveLength(1);
  });

  it("lets a person's new socket write under the id of their earlier one (offline edits of a past page load)", () => {
    const room = makeRoom();
    const first = fakeConnection([], { userId: "amina" });
    room.join(first);
    const doc = new Y.Doc();
    const frames = recordFrames(doc);
    doc.getText("t").insert(0, "One. ");
    room.receive(first, frames.shift() as Uint8Array);
    room.leave(first);
    const second = fakeConnection([], { userId: "amina" });
    room.join(second);
    doc.getText("t").insert(5, "Two.");
    room.receive(second, frames.shift() as Uint8Array);
    expect(room.doc.getText("t").toString()).toBe("One. Two.");
    expect(permissionDenials(second)).toEqual([]);
  });

  it("claims the id a socket shows as its caret, so nobody writes under it before its owner's first edit", () => {
    const room = makeRoom();
    const alice = fakeConnection([], { userId: "alice", displayName: "Alice" });
    const bob = fakeConnection([], { userId: "bob", displayName: "Bob" });
    room.join(alice);
    room.join(bob);
    const aliceDoc = new Y.Doc();
    const caret = new awarenessProtocol.Awareness(aliceDoc);
    caret.setLocalState({ user: { name: "Alice" } });
    room.receive(alice, awarenessFrame(caret));

    const squatter = new Y.Doc();
    squatter.clientID = aliceDoc.clientID;
    const squatted = recordFrames(squatter);
    squatter.getText("t").insert(0, "first!");
    room.receive(bob, squatted.shift() as Uint8Array);
    expect(room.doc.getText("t").toString()).toBe("");

    const aliceFrames = recordFrames(aliceDoc);
    aliceDoc.getText("t").insert(0, "Alice's first words");
    room.receive(alice, aliceFrames.shift() as Uint8Array);
    expect(room.doc.getText("t").toString()).toBe("Alice's first words");
    caret.destroy();
  });

  it("holds an update under a new id until the store answers, and applies the socket's frames in order", async () => {
    let release: () => void = () => {};
    const memory = new MemoryClaimStore();
    const slow: ClaimStore = {
      owners: (ids) => memory.owners(ids),
      claim: (ids, userId) =>
        new Promise((resolve) => {
          release = () => resolve(memory.claim(ids, userId));
        }),
    };
    const room = makeRoom(slow);
    const editor = fakeConnection([], { userId: "editor" });
    room.join(editor);
    const doc = new Y.Doc();
    const frames = recordFrames(doc);
    doc.getText("t").insert(0, "Hello");
    const waiting = room.receive(editor, frames.shift() as Uint8Array);
    expect(waiting).toBeInstanceOf(Promise);
    expect(room.doc.getText("t").toString()).toBe("");
    release();
    await waiting;
    expect(room.doc.getText("t").toString()).toBe("Hello");
    // Known now: the next frame applies at once.
    doc.getText("t").insert(5, " world");
    expect(room.receive(editor, frames.shift() as Uint8Array)).toBeUndefined();
    expect(room.doc.getText("t").toString()).toBe("Hello world");
  });

  it("applies an update whose socket closed while its id was being claimed; the room waits for it", async () => {
    let release: () => void = () => {};
    const memory = new MemoryClaimStore();
    const room = makeRoom({
      owners: (ids) => memory.owners(ids),
      claim: (ids, userId) =>
        new Promise((resolve) => {
          release = () => resolve(memory.claim(ids, userId));
        }),
    });
    const editor = fakeConnection([], { userId: "editor" });
    room.join(editor);
    const doc = new Y.Doc();
    const frames = recordFrames(doc);
    doc.getText("t").insert(0, "sent, then the tab closed");
    void room.receive(editor, frames.shift() as Uint8Array);
    editor.socket.close();
    room.leave(editor);
    let settled = false;
    const waiting = room.settled().then(() => {
      settled = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    release();
    await waiting;
    expect(room.doc.getText("t").toString()).toBe("sent, then the tab closed");
  });

  it("closes a socket that writes under more new client ids than a tab ever needs, claiming none past the limit", () => {
    const claims = new ClientClaims(new MemoryClaimStore());
    const room = testRoom({ claims });
    const flooder = fakeConnection([], { userId: "mallory", role: "commenter", suggestOnly: true });
    room.join(flooder);
    const many = (count: number) =>
      Y.mergeUpdates(
        Array.from({ length: count }, () => {
          const doc = new Y.Doc();
          doc.getText("t").insert(0, "x");
          return Y.encodeStateAsUpdate(doc);
        }),
      );
    room.receive(flooder, encodeUpdate(many(Limits.maxNewClientIdsPerSocket)));
    expect(flooder.closed).toBeUndefined();
    const past = Y.parseUpdateMeta(many(1)).from.keys().next().value as number;
    const doc = new Y.Doc();
    doc.clientID = past;
    doc.getText("t").insert(0, "x");
    expect(() => room.receive(flooder, encodeUpdate(Y.encodeStateAsUpdate(doc)))).toThrow(
      /too many client ids/,
    );
    expect(claims.ownerOf(past)).toBeUndefined();
  });

  it("treats ids already in a loaded document with no recorded owner as nobody's", async () => {
    const legacy = new Y.Doc();
    legacy.getText("t").insert(0, "Written before claims were kept.");
    const claims = new ClientClaims(new MemoryClaimStore());
    await claims.load(legacy);
    expect(claims.ownerOf(legacy.clientID)).toBe(NOBODY);
    expect(claims.claim([legacy.clientID], "anyone")).toBeUndefined();
    expect(claims.ownerOf(legacy.clientID)).toBe(NOBODY);
  });
});

describe("carets", () => {
  it("carry the account's name and colour, and a socket cannot change or remove another's", () => {
    const room = makeRoom();
    const alice = fakeConnection([], { userId: "alice", displayName: "Alice Owner" });
    const mallory = fakeConnection([], { userId: "mallory", displayName: "Mallory" });
    room.join(alice);
    room.join(mallory);
    const aliceCaret = new awarenessProtocol.Awareness(new Y.Doc());
    aliceCaret.setLocalState({ user: { name: "Alice Owner" }, cursor: 1 });
    room.receive(alice, awarenessFrame(aliceCaret));

    // Mallory poses as Alice Owner under her own id: her account's name is shown.
    const malloryCaret = new awarenessProtocol.Awareness(new Y.Doc());
    malloryCaret.setLocalState({ user: { name: "Alice Owner", color: colorForName("Alice Owner") } });
    room.receive(mallory, awarenessFrame(malloryCaret));
    expect(room.awareness.getStates().get(malloryCaret.clientID)).toEqual({
      user: { name: "Mallory", color: colorForName("Mallory") },
    });

    // Mallory rewrites, then removes, Alice's caret: neither takes.
    const forged = new awarenessProtocol.Awareness(new Y.Doc());
    forged.clientID = aliceCaret.clientID;
    forged.setLocalState({ user: { name: "Alice Owner" }, cursor: 99 });
    const meta = forged.meta.get(forged.clientID);
    if (meta) meta.clock = 50;
    room.receive(mallory, awarenessFrame(forged));
    forged.setLocalState(null);
    room.receive(mallory, awarenessFrame(forged));
    expect(room.awareness.getStates().get(aliceCaret.clientID)).toEqual({
      user: { name: "Alice Owner", color: colorForName("Alice Owner") },
      cursor: 1,
    });
    room.leave(mallory);
    expect(room.awareness.getStates().has(aliceCaret.clientID)).toBe(true);
    for (const awareness of [aliceCaret, malloryCaret, forged]) awareness.destroy();
  });

  it("ignores the carets the stock client sends back: a tab echoing five others is not closed, and takes none over", () => {
    const room = makeRoom();
    const tabs = Array.from({ length: 6 }, () =>
      fakeConnection([], { userId: "amina", displayName: "Amina" }),
    );
    const carets = tabs.map(() => new awarenessProtocol.Awareness(new Y.Doc()));
    for (const [i, tab] of tabs.entries()) {
      room.join(tab);
      carets[i]?.setLocalState({ user: { name: "Amina" }, cursor: i });
      room.receive(tab, awarenessFrame(carets[i] as awarenessProtocol.Awareness));
    }
    // The last tab heard the others' carets and sends them all back, with its own.
    const echo = carets[5] as awarenessProtocol.Awareness;
    for (const other of carets.slice(0, 5)) {
      const held = room.awareness.meta.get(other.clientID) as { clock: number };
      echo.states.set(other.clientID, room.awareness.getStates().get(other.clientID) as object);
      echo.meta.set(other.clientID, { clock: held.clock, lastUpdated: Date.now() });
    }
    room.receive(
      tabs[5] as ReturnType<typeof fakeConnection>,
      awarenessFrame(
        echo,
        carets.map((c) => c.clientID),
      ),
    );
    expect(tabs.map((tab) => tab.closed)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(tabs.map((tab) => [...tab.awarenessClients])).toEqual(carets.map((c) => [c.clientID]));
    for (const awareness of carets) awareness.destroy();
  });

  it("holds no caret for a first state at clock 0, which y-protocols does not apply", () => {
    const room = makeRoom();
    const tab = fakeConnection([], { userId: "amina" });
    room.join(tab);
    // A client that never changed its state since it was made announces it at clock 0.
    const fresh = new awarenessProtocol.Awareness(new Y.Doc());
    room.receive(tab, awarenessFrame(fresh));
    expect(room.awareness.getStates().has(fresh.clientID)).toBe(false);
    expect([...tab.awarenessClients]).toEqual([]);
    // What the room announces of its sockets' carets still encodes.
    expect(() =>
      awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...tab.awarenessClients]),
    ).not.toThrow();
    fresh.setLocalState({ user: { name: "Amina" } });
    room.receive(tab, awarenessFrame(fresh));
    expect([...tab.awarenessClients]).toEqual([fresh.clientID]);
    fresh.destroy();
  });
});
