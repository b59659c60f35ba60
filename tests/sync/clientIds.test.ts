import { colorForName, MessageType } from "@caucus/shared";
import { SUGGESTIONS_FIELD, type TSuggestion } from "@caucus/shared/editor";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { memberOf } from "../support/accounts.js";
import {
  connectClient,
  createDocumentWithText,
  waitFor,
  waitForStored,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { openRawSocket, type RawSocket, updateMessage } from "../support/rawSocket.js";

/**
 * Issue 13, items 3, 6 and 10: a socket writes only under client ids that
 * are its person's, a commenter cannot fill the document the editors need,
 * and carets carry their account's name. Stock y-websocket clients and
 * hand-made frames, against a real server process.
 */
const servers = useServers();

function suggestionBy(authorId: string, insert: string): TSuggestion {
  return {
    id: `s-${Math.random().toString(36).slice(2, 12)}`,
    authorId,
    authorName: "Commenter",
    createdAt: new Date().toISOString(),
    from: "AA==",
    to: "AA==",
    insert,
  };
}

/** The y-protocols "permission denied" reasons a raw socket received. */
function denials(socket: RawSocket): string[] {
  const reasons: string[] = [];
  for (const frame of socket.received) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.auth) continue;
    decoding.readVarUint(decoder);
    reasons.push(decoding.readVarString(decoder));
  }
  return reasons;
}

function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

describe("client ids and carets", () => {
  it("keeps an offline editor's edits when a commenter takes her next clock, and keeps carets to their owners", async () => {
    const server = await servers.start({ env: { STORE_DELAY_MS: "50" } });
    const id = await createDocumentWithText(server, "Statement", "");
    const commenterAccount = await memberOf(server, "Mallory Commenter", "commenter");
    const editor = connectClient(server, id, {
      account: await memberOf(server, "Amina Editor", "editor"),
      stored: true,
    });
    const watcher = connectClient(server, id, { account: await memberOf(server, "Watcher", "viewer") });
    await Promise.all([waitForSynced(editor.provider), waitForSynced(watcher.provider)]);
    editor.provider.awareness.setLocalStateField("user", { name: "Amina Editor", color: "#000000" });
    editor.ytext.insert(0, "Online. ");
    await waitForStored(editor);

    // She goes offline and keeps typing; her client holds the edit.
    editor.provider.disconnect();
    editor.ytext.insert(8, "Typed offline, must not be lost.");

    // The commenter writes a valid suggestion under her client id at her next clock.
    const squatter = new Y.Doc();
    Y.applyUpdate(squatter, Y.encodeStateAsUpdate(watcher.ydoc));
    squatter.clientID = editor.ydoc.clientID;
    const before = Y.encodeStateVector(squatter);
    const squatting = suggestionBy(commenterAccount.userId, "x");
    squatter.getMap(SUGGESTIONS_FIELD).set(squatting.id, squatting);
    const commenter = openRawSocket(server, id, { account: commenterAccount });
    await commenter.opened;
    await commenter.send(updateMessage(Y.encodeStateAsUpdate(squatter, before)));
    await waitFor(() => denials(commenter).length > 0, { message: "the squatting update to be refused" });
    expect(denials(commenter)[0]).toMatch(/someone else's/);

    // The commenter also poses under the editor's name, and rewrites her caret.
    const posing = new awarenessProtocol.Awareness(new Y.Doc());
    posing.setLocalState({ user: { name: "Amina Editor", color: "#000000" } });
    const forged = new awarenessProtocol.Awareness(new Y.Doc());
    forged.clientID = editor.ydoc.clientID;
    forged.setLocalState({ user: { name: "Amina Editor" }, cursor: "forged" });
    (forged.meta.get(forged.clientID) as { clock: number }).clock = 1_000;
    await commenter.send(awarenessMessage(posing, [posing.clientID]));
    await commenter.send(awarenessMessage(forged, [forged.clientID]));
    await waitFor(() => watcher.provider.awareness.getStates().has(posing.clientID), {
      message: "the watcher to see the commenter's caret",
    });
    expect(watcher.provider.awareness.getStates().get(posing.clientID)).toEqual({
      user: { name: "Mallory Commenter", color: colorForName("Mallory Commenter") },
    });

    // Back online: her offline edit arrives whole, is stored, and survives a restart.
    editor.provider.connect();
    await waitFor(() => watcher.text() === "Online. Typed offline, must not be lost.", {
      message: () => `the watcher to see the offline edit (sees "${watcher.text()}")`,
    });
    await waitForStored(editor);
    expect(watcher.ydoc.getMap(SUGGESTIONS_FIELD).size).toBe(0);
    const states = watcher.provider.awareness.getStates();
    expect((states.get(editor.ydoc.clientID) as { cursor?: unknown } | undefined)?.cursor).not.toBe("forged");
    for (const awareness of [posing, forged]) awareness.destroy();
    editor.destroy();
    watcher.destroy();
    expect((await server.stop()).code).toBe(0);
    await server.restart();
    const reader = connectClient(server, id, { account: commenterAccount });
    await waitForSynced(reader.provider);
    expect(reader.text()).toBe("Online. Typed offline, must not be lost.");
  });

  it("stops suggestions short of the size editors need: an editor still writes once commenters are refused", async () => {
    const server = await servers.start({ env: { MAX_DOCUMENT_BYTES: String(64 * 1024) } });
    const id = await createDocumentWithText(server, "Letter", "");
    const first = await memberOf(server, "First Commenter", "commenter");
    const second = await memberOf(server, "Second Commenter", "commenter");
    const editor = connectClient(server, id, { account: await memberOf(server, "Editor", "editor") });
    await waitForSynced(editor.provider);

    // Each suggestion from a fresh client, so a refused one holds back nothing after it.
    const sendSuggestions = async (account: typeof first, count: number) => {
      const socket = openRawSocket(server, id, { account });
      await socket.opened;
      for (let i = 0; i < count; i++) {
        const doc = new Y.Doc();
        const entry = suggestionBy(account.userId, "w".repeat(9_000));
        doc.getMap(SUGGESTIONS_FIELD).set(entry.id, entry);
        await socket.send(updateMessage(Y.encodeStateAsUpdate(doc)));
      }
      return socket;
    };
    const firstSocket = await sendSuggestions(first, 6);
    await waitFor(() => denials(firstSocket).length === 4, {
      message: "four of six suggestions to be refused",
    });
    expect(denials(firstSocket)[0]).toMatch(/at most 20000 characters/);
    const secondSocket = await sendSuggestions(second, 2);
    await waitFor(() => denials(secondSocket).length === 1, {
      message: "the second commenter's second to be refused",
    });
    expect(denials(secondSocket)[0]).toMatch(/too large for more suggestions/);
    await waitFor(() => editor.ydoc.getMap(SUGGESTIONS_FIELD).size === 3, {
      message: "three suggestions to arrive",
    });

    // The editor writes a long paragraph: it fits, and nothing closes her socket.
    editor.ytext.insert(0, "e".repeat(25_000));
    const reader = connectClient(server, id, { account: first });
    await waitForSynced(reader.provider);
    await waitFor(() => reader.text().length === 25_000, { message: "the editor's paragraph to arrive" });
    expect(editor.closeCodes).toEqual([]);
  });
});
