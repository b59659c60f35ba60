import { CloseCode } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { api, connectClient, createDocument, readText, waitFor, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { sleep } from "../support/ports.js";
import {
  closedWithin,
  openRawSocket,
  textInsertUpdate,
  updateMessage,
  updateMessageOfSize,
} from "../support/rawSocket.js";
import type { TestServer } from "../support/server.js";

const servers = useServers();
const MESSAGE_LIMIT = 65_536;
/** One server for every test that neither restarts it nor needs a small document limit. */
const framesServer = () => servers.shared({ env: { MAX_MESSAGE_BYTES: String(MESSAGE_LIMIT) } });
/** One server for the document-size tests; the last of them restarts it. */
const smallDocumentServer = () =>
  servers.shared({ env: { MAX_DOCUMENT_BYTES: "32768", MAX_MESSAGE_BYTES: "262144", STORE_DELAY_MS: "50" } });

/** Two synced stock clients on a fresh document. */
async function twoClients(server: TestServer) {
  const { id } = await createDocument(server, "Frames");
  const alice = connectClient(server, id);
  const bob = connectClient(server, id);
  await Promise.all([waitForSynced(alice.provider), waitForSynced(bob.provider)]);
  return { id, alice, bob };
}

const truncatedUpdate = (() => {
  const frame = updateMessage(textInsertUpdate("this sentence is cut off halfway through the frame"));
  return frame.subarray(0, Math.floor(frame.length / 2));
})();

const leftoverBytes = (() => {
  const frame = updateMessage(textInsertUpdate("applied despite trailing bytes"));
  const withTail = new Uint8Array(frame.length + 3);
  withTail.set(frame);
  withTail.set([0xaa, 0xbb, 0xcc], frame.length);
  return withTail;
})();

const malformedFrames: Array<[string, Uint8Array | string]> = [
  ["an empty frame", new Uint8Array(0)],
  ["garbage bytes that never end a varint", new Uint8Array(16).fill(0xff)],
  ["a sync message of an unknown sync type", Uint8Array.of(0, 7, 3, 1, 2, 3)],
  ["a truncated sync update", truncatedUpdate],
  ["a sync update whose length prefix runs past the frame", Uint8Array.of(0, 2, 0x90, 0x4e, 1, 2, 3)],
  ["a message of an unknown type", Uint8Array.of(42, 1, 2, 3)],
  ["a valid update followed by leftover bytes", leftoverBytes],
  ["a text frame", "hello server"],
];

describe("malformed frames", () => {
  it.each(malformedFrames)("%s closes only its own socket with 1002", async (_name, frame) => {
    const server = await framesServer();
    const { id, alice, bob } = await twoClients(server);
    alice.ytext.insert(0, "before;");
    await waitFor(() => bob.text() === "before;", { message: "bob to see alice's edit" });

    const raw = openRawSocket(server, id);
    await raw.opened;
    await raw.send(frame);
    const { code } = await closedWithin(raw);
    expect(code).toBe(CloseCode.protocolError);
    // Nothing of a malformed frame is applied or relayed.
    await sleep(200);
    expect(bob.text(), "other clients' text after the malformed frame").toBe("before;");

    // The stock clients on the same document were not disturbed and still sync both ways.
    bob.ytext.insert(bob.ytext.length, "after;");
    alice.ytext.insert(0, "also;");
    await waitFor(() => alice.text() === "also;before;after;" && bob.text() === alice.text(), {
      message: () =>
        `clients to keep syncing; alice=${JSON.stringify(alice.text())} bob=${JSON.stringify(bob.text())}`,
    });
    expect(alice.closeCodes).toEqual([]);
    expect(bob.closeCodes).toEqual([]);
    expect(await readText(server, id)).toBe("also;before;after;");

    const health = await api<{ status: string }>(server, "GET", "/api/health");
    expect(health.status).toBe(200);
    expect(health.body.status).toBe("ok");
    expect(server.process.exitCode).toBeNull();
  });
});

describe("frames the server tolerates", () => {
  it("ignores an auth message and answers query-awareness without closing the socket", async () => {
    const server = await framesServer();
    const { id, alice, bob } = await twoClients(server);
    alice.provider.awareness.setLocalStateField("user", { name: "Alice" });
    const raw = openRawSocket(server, id);
    await raw.opened;
    await raw.send(Uint8Array.of(2, 0, 0)); // auth: permission denied, empty reason (y-protocols/auth layout)
    await sleep(200);
    expect(raw.ws.readyState, "the socket is still open after an auth message").toBe(raw.ws.OPEN);
    const before = raw.received.length;
    await raw.send(Uint8Array.of(3)); // query awareness
    await waitFor(() => raw.received.slice(before).some((frame) => frame[0] === 1), {
      message: "an awareness message in answer to query-awareness",
    });
    // Still open and still a full participant: its update reaches the others.
    await raw.send(updateMessage(textInsertUpdate("from the raw socket")));
    await waitFor(() => bob.text() === "from the raw socket", {
      message: () => `bob text ${JSON.stringify(bob.text())}`,
    });
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
  });
});

describe("MAX_MESSAGE_BYTES", () => {
  const limit = MESSAGE_LIMIT;

  it("accepts and applies a frame of exactly MAX_MESSAGE_BYTES", async () => {
    const server = await framesServer();
    const { id, bob } = await twoClients(server);
    const { frame, content } = updateMessageOfSize(limit);
    expect(frame.length).toBe(limit);

    const raw = openRawSocket(server, id);
    await raw.opened;
    await raw.send(frame);
    await waitFor(() => bob.text() === content, {
      message: () => `bob to receive the ${content.length}-letter update (has ${bob.text().length})`,
    });
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    expect(await readText(server, id)).toBe(content);
  });

  it("closes a frame one byte over MAX_MESSAGE_BYTES with 1009 and does not apply it", async () => {
    const server = await framesServer();
    const { id, alice, bob } = await twoClients(server);
    alice.ytext.insert(0, "kept");
    await waitFor(() => bob.text() === "kept", { message: "bob to see alice's edit" });
    const { frame } = updateMessageOfSize(limit + 1);
    expect(frame.length).toBe(limit + 1);

    const raw = openRawSocket(server, id);
    await raw.opened;
    await raw.send(frame).catch(() => {}); // the server may close while the frame is still being written
    const { code } = await closedWithin(raw);
    expect(code).toBe(CloseCode.messageTooBig);

    await sleep(200);
    expect(bob.text()).toBe("kept");
    expect(await readText(server, id)).toBe("kept");
    alice.ytext.insert(4, "!");
    await waitFor(() => bob.text() === "kept!", { message: "clients to keep syncing after the 1009" });
    expect(alice.closeCodes).toEqual([]);
    expect(bob.closeCodes).toEqual([]);
  });
});

describe("MAX_DOCUMENT_BYTES", () => {
  it("a raw update over the limit closes with 4413 without touching the stored document", async () => {
    const server = await smallDocumentServer();
    const { id, alice, bob } = await twoClients(server);
    alice.ytext.insert(0, "small");
    await waitFor(() => bob.text() === "small", { message: "bob to see alice's edit" });

    const raw = openRawSocket(server, id);
    await raw.opened;
    await raw.send(updateMessage(textInsertUpdate("z".repeat(50_000))));
    expect((await closedWithin(raw)).code).toBe(CloseCode.documentTooLarge);
    expect(await readText(server, id)).toBe("small");
    expect(bob.text()).toBe("small");
  });

  it("an update that would take the document over the limit closes with 4413 and changes nothing", async () => {
    // Last in the file: it restarts the server.
    const server = await smallDocumentServer();
    const { id, alice, bob } = await twoClients(server);
    alice.ytext.insert(0, "Our position on article 5.");
    await waitFor(() => bob.text() === "Our position on article 5.", { message: "bob to see alice's edit" });

    // A stock client pastes far too much: its socket is closed for good.
    const paster = connectClient(server, id);
    await waitForSynced(paster.provider);
    paster.ytext.insert(0, "y".repeat(40_000));
    await waitFor(() => paster.closeCodes.includes(CloseCode.documentTooLarge), {
      message: () => `paster to be closed with 4413 (saw ${paster.closeCodes})`,
    });
    expect(paster.closeCodes[0]).toBe(CloseCode.documentTooLarge);
    // 44xx is final for the stock client: it does not reconnect and retry the paste.
    expect(paster.provider.shouldConnect).toBe(false);

    // Others never see the paste and keep working.
    bob.ytext.insert(bob.ytext.length, " Agreed.");
    await waitFor(() => alice.text() === "Our position on article 5. Agreed.", {
      message: () => `alice to see bob's edit (has ${JSON.stringify(alice.text().slice(0, 80))})`,
    });
    expect(alice.text()).not.toContain("y".repeat(10));
    expect(bob.text()).not.toContain("y".repeat(10));
    expect(alice.closeCodes).toEqual([]);
    expect(bob.closeCodes).toEqual([]);

    // And neither the live nor the stored document has it.
    expect(await readText(server, id)).toBe("Our position on article 5. Agreed.");
    paster.destroy();
    alice.destroy();
    bob.destroy();
    expect((await server.stop()).code).toBe(0);
    await server.restart();
    expect(await readText(server, id)).toBe("Our position on article 5. Agreed.");
  });
});
