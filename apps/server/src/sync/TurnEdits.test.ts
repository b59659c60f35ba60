import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { fakeConnection, nextTurn } from "../testing/sockets.js";
import type { Connection } from "./Connection.js";
import { MAX_SEPARATE_WRITERS, MAX_TURN_EDITS, TurnEdits } from "./TurnEdits.js";

/** An update that inserts `text` from a fresh client. */
function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** What a socket was sent, applied to an empty document. */
function received(connection: ReturnType<typeof fakeConnection>): string {
  const doc = new Y.Doc();
  for (const frame of connection.frames) {
    // [sync, update, length-prefixed update]
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  }
  return [...doc.getText("t").toString()].sort().join("");
}

function answered(): ReturnType<typeof fakeConnection> {
  const connection = fakeConnection();
  connection.answered = true;
  return connection;
}

describe("TurnEdits", () => {
  it("sends a turn's edits at its end: one merged frame to a reader, the others' edits to each writer", async () => {
    const reader = answered();
    const alice = answered();
    const bob = answered();
    const edits = new TurnEdits(new Set<Connection>([reader, alice, bob]));
    edits.add(edit("a"), alice);
    edits.add(edit("b"), bob);
    edits.add(edit("c"), undefined);
    expect(reader.frames).toHaveLength(0);
    await nextTurn();
    expect(reader.frames).toHaveLength(1);
    expect(alice.frames).toHaveLength(1);
    expect(bob.frames).toHaveLength(1);
    expect(received(reader)).toBe("abc");
    expect(received(alice)).toBe("bc");
    expect(received(bob)).toBe("ac");
  });

  it(`sends every writer the readers' frame, its own edits included, past ${MAX_SEPARATE_WRITERS} writers in a turn`, async () => {
    const reader = answered();
    const writers = Array.from({ length: MAX_SEPARATE_WRITERS + 1 }, answered);
    const edits = new TurnEdits(new Set<Connection>([reader, ...writers]));
    for (const [i, writer] of writers.entries()) edits.add(edit(String(i)), writer);
    await nextTurn();
    const all = writers.map((_, i) => String(i)).join("");
    expect(received(reader)).toBe(all);
    for (const writer of writers) {
      expect(writer.frames).toHaveLength(1);
      expect(writer.frames[0]).toBe(reader.frames[0]);
    }
  });

  it("sends nothing to a socket not answered its sync step 1, nor a lone writer its own edit", async () => {
    const waiting = fakeConnection();
    const writer = answered();
    const edits = new TurnEdits(new Set<Connection>([waiting, writer]));
    edits.add(edit("a"), writer);
    edits.add(edit("b"), writer);
    await nextTurn();
    expect(waiting.frames).toHaveLength(0);
    expect(writer.frames).toHaveLength(0);
  });

  it(`sends at once when a turn holds ${MAX_TURN_EDITS} edits`, () => {
    const reader = answered();
    const edits = new TurnEdits(new Set<Connection>([reader]));
    for (let i = 0; i < MAX_TURN_EDITS; i++) edits.add(edit("x"), undefined);
    expect(reader.frames).toHaveLength(1);
    edits.add(edit("y"), undefined);
    expect(reader.frames).toHaveLength(1);
    edits.send();
    expect(reader.frames).toHaveLength(2);
  });
});
