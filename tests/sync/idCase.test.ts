import { CloseCode } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { acceptInvitation, defaultAccount, invite, signUp, workspaceOf } from "../support/accounts.js";
import {
  api,
  connectClient,
  createDocument,
  type ServerAddress,
  type TestClient,
  waitFor,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

/**
 * Issue 13, item 2: a document id in capitals names the same document as
 * in lower case (UUIDs are case-insensitive), so it must reach the same
 * room, and revocation and deletion must find its sockets.
 */

const servers = useServers();

const closedWith = (client: TestClient, code: number) =>
  waitFor(() => client.closeCodes.includes(code), {
    message: () => `close code ${code} (saw ${JSON.stringify(client.closeCodes)})`,
  });

/** A person whose only access is a grant on document `id`, given by an invitation to it. */
async function guestOf(server: ServerAddress, id: string) {
  const owner = await defaultAccount(server);
  const token = await invite(server, owner, await workspaceOf(server, owner), {
    role: "editor",
    documentId: id,
  });
  const guest = await signUp(server, "Guest on one document");
  await acceptInvitation(server, guest, token);
  return guest;
}

describe("a document id in capitals", () => {
  it("joins the same room as in lower case, and is closed when its grant is removed and when the document is trashed", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "One document, two spellings");
    const lower = connectClient(server, id);
    const upper = connectClient(server, id.toUpperCase());
    await Promise.all([waitForSynced(lower.provider), waitForSynced(upper.provider)]);

    // One room: edits flow both ways, and one document is loaded.
    upper.ytext.insert(0, "from capitals; ");
    lower.ytext.insert(lower.ytext.length, "from lower case.");
    await waitFor(() => lower.text() === upper.text() && lower.text().length === 31, {
      message: () => `both spellings to converge (lower=${lower.text()}, upper=${upper.text()})`,
    });
    const health = await api<{ documentsLoaded: number }>(server, "GET", "/api/health");
    expect(health.body.documentsLoaded).toBe(1);

    // Revocation finds it: a guest's grant removed closes the guest's socket in capitals.
    const guest = await guestOf(server, id);
    const guestClient = connectClient(server, id.toUpperCase(), { account: guest });
    await waitForSynced(guestClient.provider);
    const removed = await api(server, "DELETE", `/api/documents/${id}/access/${guest.userId}`);
    expect(removed.status).toBe(200);
    await closedWith(guestClient, CloseCode.accessChanged);
    await closedWith(guestClient, CloseCode.forbidden);
    expect(guestClient.provider.shouldConnect).toBe(false);

    // Deletion finds it: trashing the document closes the socket in capitals.
    const trashed = await api(server, "DELETE", `/api/documents/${id}`);
    expect(trashed.status).toBe(200);
    await closedWith(upper, CloseCode.documentNotFound);
    expect(upper.provider.shouldConnect).toBe(false);
  });
});
