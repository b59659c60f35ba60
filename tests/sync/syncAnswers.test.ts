import { CloseCode, MessageType } from "@caucus/shared";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import { connectClient, createDocumentWithText, waitFor, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { closedWithin, openRawSocket } from "../support/rawSocket.js";

/**
 * Issue 13, item 16: a 4-byte sync step 1 asks for the whole document.
 * Answers are counted per socket (bursts of 2 x MAX_DOCUMENT_BYTES, then
 * SYNC_ANSWER_BYTES_PER_SECOND); the request past that closes the socket
 * with 1013, while stock clients that reconnect and re-sync never meet it.
 */

const servers = useServers();
const MAX_DOCUMENT_BYTES = 200_000;
/** sync, step 1, an empty state vector: "send me everything". */
const ASK_ALL = Uint8Array.of(0, 0, 1, 0);

describe("answers to sync step 1", () => {
  it("are sent up to the socket's budget and the next closes it with 1013; a stock client re-syncing and reconnecting never meets it", async () => {
    // One byte a second: nothing refills while the test runs.
    const server = await servers.start({
      env: { MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES), SYNC_ANSWER_BYTES_PER_SECOND: "1" },
    });
    const id = await createDocumentWithText(server, "A long draft", "Operative paragraph. ".repeat(3_000));
    // A fresh stock client: the whole document once.
    const stock = connectClient(server, id);
    await waitForSynced(stock.provider);

    const raw = openRawSocket(server, id);
    await raw.opened;
    const answers = () => raw.received.filter((frame) => frame[0] === 0 && frame[1] === 1);
    await raw.send(ASK_ALL);
    await waitFor(() => answers().length === 1, { message: "the first answer" });
    const answerBytes = (answers()[0] as Uint8Array).byteLength;
    expect(answerBytes).toBeGreaterThan(60_000);
    const fits = Math.floor((2 * MAX_DOCUMENT_BYTES) / answerBytes);
    for (let i = 1; i < fits; i++) await raw.send(ASK_ALL);
    await waitFor(() => answers().length === fits, { message: "every answer within budget" });
    await raw.send(ASK_ALL);
    expect((await closedWithin(raw)).code).toBe(CloseCode.tryAgainLater);
    expect(answers().length, "the answer past the budget was not sent").toBe(fits);

    // The stock client re-syncs as y-websocket's resyncInterval would (its
    // own state vector: it asks only for what it lacks), far more often
    // than it ever would, then reconnects twice, and is never closed.
    const socket = stock.provider.ws as WebSocket;
    let stockAnswers = 0;
    socket.addEventListener("message", (event: MessageEvent) => {
      const frame = new Uint8Array(event.data as ArrayBuffer);
      if (frame[0] === 0 && frame[1] === 1) stockAnswers++;
    });
    for (let i = 0; i < 200; i++) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeSyncStep1(encoder, stock.ydoc);
      socket.send(encoding.toUint8Array(encoder));
    }
    await waitFor(() => stockAnswers === 200, {
      message: () => `200 answers to the re-syncs (${stockAnswers})`,
    });
    expect(stock.closeCodes).toEqual([]);
    for (let round = 0; round < 2; round++) {
      stock.provider.disconnect();
      stock.provider.connect();
      await waitForSynced(stock.provider);
    }
    expect(stock.closeCodes.filter((code) => code !== 1000 && code !== 1005)).toEqual([]);
    expect(stock.text()).toHaveLength(21 * 3_000);
  });
});
