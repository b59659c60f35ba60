import { MessageType } from "@caucus/shared";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as authProtocol from "y-protocols/auth";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { memberOf } from "../support/accounts.js";
import {
  connectClient,
  createDocumentWithText,
  readText,
  type ServerAddress,
  waitFor,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { openRawSocket, textInsertUpdate, updateMessage } from "../support/rawSocket.js";

/** A viewer's socket is read-only on the server, not only in the UI. */

const servers = useServers();
const TEXT = "We call on all parties to";

const documentWithText = (server: ServerAddress) => createDocumentWithText(server, "Statement", TEXT);

/** Appends `marker` as the default account and waits until `observer` has it. */
async function appendMarker(server: ServerAddress, id: string, marker: string, observer: { text(): string }) {
  const writer = connectClient(server, id);
  await waitForSynced(writer.provider);
  writer.ytext.insert(writer.ytext.length, marker);
  await waitFor(() => observer.text().includes(marker), { message: `observer to receive ${marker}` });
  writer.destroy();
}

interface DecodedFrame {
  type: number;
  syncType?: number;
  payload?: Uint8Array;
  deniedReason?: string;
}

function decodeFrame(frame: Uint8Array): DecodedFrame {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type === MessageType.sync) {
    const syncType = decoding.readVarUint(decoder);
    return { type, syncType, payload: decoding.readVarUint8Array(decoder) };
  }
  if (type === MessageType.auth) {
    let deniedReason: string | undefined;
    authProtocol.readAuthMessage(decoder, new Y.Doc(), (_doc, reason) => {
      deniedReason = reason;
    });
    return { type, deniedReason };
  }
  return { type };
}

describe("a viewer's socket", () => {
  it("drops the stock client's edits: not relayed, not stored, even after a restart; awareness still flows", async () => {
    const server = await servers.start({ env: { STORE_DELAY_MS: "50" } });
    const id = await documentWithText(server);
    const editor = connectClient(server, id, { account: await memberOf(server, "Editor", "editor") });
    const viewer = connectClient(server, id, { account: await memberOf(server, "Viewer", "viewer") });
    await Promise.all([waitForSynced(editor.provider), waitForSynced(viewer.provider)]);
    expect(viewer.text()).toBe(TEXT);

    // Carets and names of readers still reach the others.
    viewer.provider.awareness.setLocalStateField("user", { name: "Viewer" });
    await waitFor(
      () => editor.provider.awareness.getStates().get(viewer.ydoc.clientID)?.user?.name === "Viewer",
      { message: "the viewer's awareness to reach the editor" },
    );

    viewer.ytext.insert(0, "VIEWER EDIT ");
    await waitFor(() => viewer.permissionDenied.length > 0, { message: "the viewer to be told read-only" });
    expect(viewer.permissionDenied[0]).toMatch(/read-only/);
    // Anything the server relayed from the viewer would reach the editor before a later edit does.
    await appendMarker(server, id, " [after]", editor);
    expect(editor.text()).toBe(`${TEXT} [after]`);
    expect(await readText(server, id)).toBe(`${TEXT} [after]`);
    // The viewer's socket stays open and keeps receiving.
    await waitFor(() => viewer.text().includes("[after]"), { message: "the viewer to receive edits" });
    expect(viewer.closeCodes).toEqual([]);

    await server.restart();
    // On reconnecting, the viewer's client sends its edit again; it is told again and dropped again.
    await waitFor(() => viewer.permissionDenied.length >= 2 && viewer.provider.synced, {
      timeout: 20_000,
      message: "the reconnected viewer to be told read-only again",
    });
    expect(await readText(server, id)).toBe(`${TEXT} [after]`);
    await waitForSynced(editor.provider, 20_000);
    expect(editor.text()).toBe(`${TEXT} [after]`);
  });

  it("answers a raw update frame with one y-protocols auth message, applies nothing and stays open", async () => {
    const server = await servers.start();
    const id = await documentWithText(server);
    const viewer = await memberOf(server, "Raw viewer", "viewer");
    const socket = openRawSocket(server, id, { account: viewer });
    await socket.opened;
    await waitFor(() => socket.received.length > 0, { message: "the server's greeting" });

    await socket.send(updateMessage(textInsertUpdate("RAW VIEWER ")));
    await socket.send(updateMessage(textInsertUpdate("AND AGAIN ")));
    // A sync step 1 from an empty document: the reply is the whole document as the server holds it.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
    await socket.send(encoding.toUint8Array(encoder));
    const isStep2 = (frame: DecodedFrame) =>
      frame.type === MessageType.sync && frame.syncType === syncProtocol.messageYjsSyncStep2;
    await waitFor(() => socket.received.map(decodeFrame).some(isStep2), { message: "a sync step 2 reply" });

    const frames = socket.received.map(decodeFrame);
    const denied = frames.filter((frame) => frame.type === MessageType.auth);
    expect(denied).toHaveLength(1);
    expect(denied[0]?.deniedReason).toBe("read-only: your role on this document is viewer");
    const reply = new Y.Doc();
    Y.applyUpdate(reply, frames.find(isStep2)?.payload as Uint8Array);
    expect(reply.getText("t").toString()).toBe(TEXT);
    expect(socket.ws.readyState).toBe(WebSocket.OPEN);
    expect(await readText(server, id)).toBe(TEXT);
  });
});
