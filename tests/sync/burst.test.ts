import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { api, connectClient, createDocument, readText, waitFor, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { openRawSocket, updateMessage } from "../support/rawSocket.js";
import { ONE_ADDRESS_FOR_MANY_CLIENTS } from "../support/server.js";

const servers = useServers();
const BURST = 50_000;

describe("a burst of 50,000 one-character updates from one client", () => {
  it("is relayed, stored and survives a restart, while the server keeps answering others", async () => {
    // This measures the server under a burst no real client sends, so the
    // per-socket frame rate (tested at its edge in SyncServer.test) is lifted.
    const server = await servers.start({
      env: {
        ...ONE_ADDRESS_FOR_MANY_CLIENTS,
        STORE_DELAY_MS: "250",
        SYNC_MESSAGES_PER_SECOND: "100000",
        SYNC_BYTES_PER_SECOND: "104857600",
      },
    });
    const { id } = await createDocument(server, "Burst");
    const observer = connectClient(server, id);
    await waitForSynced(observer.provider);

    // One document typing one character per update, sent as fast as the socket takes them.
    const source = new Y.Doc();
    const frames: Uint8Array[] = [];
    source.on("update", (update: Uint8Array) => frames.push(updateMessage(update)));
    const text = source.getText("t");
    for (let i = 0; i < BURST; i++) text.insert(i, String.fromCharCode(97 + (i % 26)));
    expect(frames).toHaveLength(BURST);

    const burster = openRawSocket(server, id);
    await burster.opened;
    // Where the time goes, printed at the end: a run that is slow says which phase was.
    const started = performance.now();
    const phases: string[] = [];
    const mark = (phase: string) => phases.push(`${phase} ${Math.round(performance.now() - started)} ms`);
    const sending = Promise.all(frames.map((frame) => burster.send(frame)));
    // While the burst is in flight, another client's edit and an HTTP request get through.
    const other = connectClient(server, id);
    await waitForSynced(other.provider, 30_000);
    other.ytext.insert(0, "!");
    const health = await api<{ status: string }>(server, "GET", "/api/health");
    expect(health.body.status).toBe("ok");
    mark("other client and HTTP answered");
    await sending;
    mark("burst written");

    const expected = `!${text.toString()}`;
    await waitFor(() => observer.text() === expected, {
      timeout: 60_000,
      message: "observer to hold the whole burst",
    });
    mark("observer holds the whole burst");
    expect(burster.ws.readyState).toBe(burster.ws.OPEN);
    burster.close();
    observer.destroy();
    other.destroy();

    expect((await server.stop()).code).toBe(0);
    mark("stopped, everything stored");
    await server.restart();
    expect(await readText(server, id)).toBe(expected);
    mark("restarted and read back");
    console.log(`burst of ${BURST}: ${phases.join(", ")}`);
  });
});
