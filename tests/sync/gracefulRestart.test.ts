import { CloseCode } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import {
  connectClient,
  createDocument,
  readText,
  type TestClient,
  waitFor,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { sleep } from "../support/ports.js";
import {
  expectEveryToken,
  startTyping,
  stopAll,
  type Typist,
  waitForConvergence,
} from "../support/typists.js";

const servers = useServers();
const DOCUMENTS = 4;
const TYPISTS_PER_DOCUMENT = 3;

/**
 * Graceful restart under heavy editing (issue 6): SIGTERM while twelve
 * clients on four documents each type every 10–25 ms. Whatever the server
 * relayed before it stopped (so it had applied it) must be stored when the
 * process exits, before any client resends: with a store delay longer than
 * the test, only the shutdown can have stored it. Then the clients resume on
 * the new process with what they typed offline, every keystroke is there
 * once, and live editing works again.
 */
describe("SIGTERM under heavy editing", () => {
  it("stores everything it applied, closes every socket with 1012, and the clients resume with no edit lost", async () => {
    // A store delay longer than the test: whatever is stored was stored by the shutdown itself.
    const server = await servers.start({ env: { STORE_DELAY_MS: "60000" } });
    const documents: { id: string; clients: TestClient[]; typists: Typist[] }[] = [];
    for (let d = 0; d < DOCUMENTS; d++) {
      const { id } = await createDocument(server, `Busy document ${d}`);
      const clients = Array.from({ length: TYPISTS_PER_DOCUMENT }, () => connectClient(server, id));
      await Promise.all(clients.map((client) => waitForSynced(client.provider)));
      documents.push({ id, clients, typists: [] });
    }
    // Each client stops reconnecting the moment it hears 1012, so nothing is resent before the check.
    const allClients = documents.flatMap((document) => document.clients);
    for (const client of allClients) {
      client.provider.on("connection-close", (event: CloseEvent | null) => {
        if (event?.code === CloseCode.restarting) client.provider.disconnect();
      });
    }
    for (const document of documents) {
      document.typists = document.clients.map((client, i) =>
        startTyping(`d${documents.indexOf(document)}t${i}`, client, 10 + 5 * i),
      );
    }
    await sleep(1_500);

    const exit = await server.stop();
    const typed = documents.reduce(
      (sum, document) => sum + document.typists.reduce((n, typist) => n + typist.tokens.length, 0),
      0,
    );
    expect(exit).toEqual({ code: 0, signal: null });
    await waitFor(() => allClients.every((client) => client.closeCodes.includes(CloseCode.restarting)), {
      message: () => `every client to hear 1012 (${allClients.map((client) => client.closeCodes.join(","))})`,
    });
    // Typing goes on offline for a moment, as people would.
    await sleep(300);
    for (const document of documents) stopAll(document.typists);

    // What each client saw of the others came through the server: the server had it.
    const relayed = documents.map((document) =>
      document.typists.flatMap((typist) =>
        typist.tokens.filter((token) =>
          document.clients.some((client) => client !== typist.client && client.text().includes(token)),
        ),
      ),
    );
    await server.restart();
    let checked = 0;
    for (const [d, document] of documents.entries()) {
      const stored = await readText(server, document.id);
      const missing = (relayed[d] as string[]).filter((token) => !stored.includes(token));
      expect(missing, `tokens relayed before SIGTERM but not stored, document ${d}`).toEqual([]);
      checked += (relayed[d] as string[]).length;
    }
    expect(checked).toBeGreaterThan(typed / 2);

    for (const client of allClients) client.provider.connect();
    let tokens = 0;
    for (const [d, document] of documents.entries()) {
      const text = await waitForConvergence(document.clients, document.typists, 30_000);
      expectEveryToken(text, document.typists, `document ${d} after the restart`);
      expectEveryToken(await readText(server, document.id), document.typists, `document ${d} as stored`);
      tokens += document.typists.reduce((n, typist) => n + typist.tokens.length, 0);
    }
    // Live editing works on the new process too: one keystroke reaches the others without a reload.
    for (const [d, document] of documents.entries()) {
      const [writer, ...readers] = document.clients as [TestClient, ...TestClient[]];
      writer.ytext.insert(0, `<live${d}>`);
      await waitFor(() => readers.every((reader) => reader.text().startsWith(`<live${d}>`)), {
        message: `document ${d}: an edit after the restart to reach the other clients`,
      });
    }
    console.log(
      `graceful restart: ${allClients.length} clients on ${DOCUMENTS} documents; ${typed} tokens typed before SIGTERM, ${checked} relayed and found stored, ${tokens} in all after resuming; lost 0`,
    );
  });
});
