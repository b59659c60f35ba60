import { randomUUID } from "node:crypto";
import { CloseCode } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { defaultAccount } from "../support/accounts.js";
import {
  api,
  connectClient,
  createDocument,
  waitFor,
  waitForStored,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { sleep } from "../support/ports.js";
import { closedWithin, openRawSocket } from "../support/rawSocket.js";

const servers = useServers();

describe("which sockets the server accepts", () => {
  it("closes a socket for an unknown document id with 4404", async () => {
    const server = await servers.shared();
    await defaultAccount(server);
    const raw = openRawSocket(server, randomUUID());
    expect((await closedWithin(raw)).code).toBe(CloseCode.documentNotFound);

    // The stock client treats it as final and stops reconnecting.
    const client = connectClient(server, randomUUID());
    await waitFor(() => client.closeCodes.length > 0, { message: "stock client to be closed" });
    expect(client.closeCodes).toEqual([CloseCode.documentNotFound]);
    expect(client.provider.shouldConnect).toBe(false);
  });

  it.each(["not-a-uuid", "12345", "..%2F..%2Fetc"])(
    "closes a socket for the non-UUID id %s with 4400",
    async (documentId) => {
      const server = await servers.shared();
      await defaultAccount(server);
      const raw = openRawSocket(server, documentId);
      expect((await closedWithin(raw)).code).toBe(CloseCode.badRequest);
    },
  );

  it("closes open sockets with 4404 when their document is deleted, and refuses new ones until it is restored", async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "To the trash");
    const client = connectClient(server, id);
    await waitForSynced(client.provider);
    client.ytext.insert(0, "draft text");
    await sleep(100);

    expect((await api(server, "DELETE", `/api/documents/${id}`)).status).toBe(200);
    await waitFor(() => client.closeCodes.includes(CloseCode.documentNotFound), {
      message: () => `open client to be closed with 4404 (saw ${client.closeCodes})`,
    });
    const refused = openRawSocket(server, id);
    expect((await closedWithin(refused)).code).toBe(CloseCode.documentNotFound);

    expect((await api(server, "POST", `/api/documents/${id}/restore`)).status).toBe(200);
    const reader = connectClient(server, id);
    await waitForSynced(reader.provider);
    expect(reader.text()).toBe("draft text");
  });
});

describe("the stored extension (?caps=stored)", () => {
  it("reports durable state to clients that ask, and never to stock clients", async () => {
    const server = await servers.start({ env: { STORE_DELAY_MS: "50" } });
    const { id } = await createDocument(server, "Acks");
    const asking = connectClient(server, id, { stored: true });
    const stock = connectClient(server, id);
    await Promise.all([waitForSynced(asking.provider), waitForSynced(stock.provider)]);

    asking.ytext.insert(0, "stored?");
    stock.ytext.insert(0, "yes: ");
    await waitFor(() => asking.text() === stock.text() && asking.text().length === 12, {
      message: "convergence",
    });
    await waitForStored(asking);
    expect(asking.storedMessages()).toBeGreaterThan(0);
    // The stored state vector covers both writers.
    const stored = asking.storedStateVector();
    expect(stored?.get(asking.ydoc.clientID)).toBe(7);
    expect(stored?.get(stock.ydoc.clientID)).toBe(5);

    await sleep(300);
    expect(stock.storedMessages()).toBe(0);

    // A client that joins later hears what is stored on connect, with no edit of its own: once
    // its sync step 2 (y-websocket's answer to the server's step 1) is handled.
    const joining = connectClient(server, id, { stored: true });
    await waitForSynced(joining.provider);
    await waitFor(() => joining.storedMessages() > 0, { message: "a stored message on connect" });
    await waitForStored(joining);
    expect(joining.text()).toBe(asking.text());
  });
});
