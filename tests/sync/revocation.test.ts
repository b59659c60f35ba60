import { CloseCode } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import {
  acceptInvitation,
  defaultAccount,
  invite,
  memberOf,
  signIn,
  signUp,
  workspaceOf,
} from "../support/accounts.js";
import {
  api,
  connectClient,
  createDocumentWithText,
  firstClose,
  readText,
  type ServerAddress,
  type TestClient,
  waitFor,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { sleep } from "../support/ports.js";
import { closedWithin, openRawSocket } from "../support/rawSocket.js";

/**
 * Rights changed while a socket is open: it closes with accessChanged, the
 * stock client reconnects by itself and is admitted (or refused) under
 * the new rights.
 */

const servers = useServers();
const TEXT = "Draft decision, paragraph 4";

const documentWithText = (server: ServerAddress) => createDocumentWithText(server, "Decision", TEXT);

async function membersPath(server: ServerAddress, userId: string): Promise<string> {
  return `/api/workspaces/${await workspaceOf(server, await defaultAccount(server))}/members/${userId}`;
}

const closedWith = (client: TestClient, code: number) =>
  waitFor(() => client.closeCodes.includes(code), {
    message: () => `close code ${code} (saw ${JSON.stringify(client.closeCodes)})`,
  });

describe("a member demoted from editor to viewer while connected", () => {
  it("is closed with accessChanged, reconnects by itself, and its next edit is not applied", async () => {
    const server = await servers.start({ env: { STORE_DELAY_MS: "50" } });
    const id = await documentWithText(server);
    const account = await memberOf(server, "Demoted editor", "editor");
    const watcher = connectClient(server, id);
    const demoted = connectClient(server, id, { account });
    await Promise.all([waitForSynced(watcher.provider), waitForSynced(demoted.provider)]);
    demoted.ytext.insert(0, "[editor] ");
    await waitFor(() => watcher.text() === `[editor] ${TEXT}`, { message: "the editor's edit to arrive" });

    const closed = firstClose(demoted);
    const changed = await api(server, "PATCH", await membersPath(server, account.userId), { role: "viewer" });
    expect(changed.status).toBe(200);
    expect(await closed(Date.now())).toBeLessThan(1_000);
    await closedWith(demoted, CloseCode.accessChanged);
    await waitFor(() => demoted.provider.wsconnected && demoted.provider.synced, {
      message: "the stock client to reconnect by itself",
    });
    expect(demoted.closeCodes).toEqual([CloseCode.accessChanged]);
    expect(watcher.closeCodes).toEqual([]);

    demoted.ytext.insert(0, "[viewer] ");
    await waitFor(() => demoted.permissionDenied.length > 0, { message: "the demoted client to be told" });
    // A later edit by someone else arrives after anything the server would have relayed.
    const marker = connectClient(server, id);
    await waitForSynced(marker.provider);
    marker.ytext.insert(marker.ytext.length, " [end]");
    await waitFor(() => watcher.text().endsWith("[end]"), { message: "the marker to arrive" });
    expect(watcher.text()).toBe(`[editor] ${TEXT} [end]`);

    await server.restart();
    expect(await readText(server, id)).toBe(`[editor] ${TEXT} [end]`);
  });
});

describe("a member removed while connected", () => {
  it("is closed within a second of the answer, then refused with 4403, and the client stops", async () => {
    const server = await servers.shared();
    const id = await documentWithText(server);
    const account = await memberOf(server, "Removed member", "editor");
    const removed = connectClient(server, id, { account });
    const staying = connectClient(server, id);
    await Promise.all([waitForSynced(removed.provider), waitForSynced(staying.provider)]);
    let closedAt: number | undefined;
    removed.provider.on("connection-close", () => {
      closedAt ??= Date.now();
    });

    const answer = await api(server, "DELETE", await membersPath(server, account.userId));
    const answeredAt = Date.now();
    expect(answer.status).toBe(200);
    await waitFor(() => closedAt !== undefined, {
      timeout: 5_000,
      message: "the removed member's socket to close",
    });
    expect((closedAt as number) - answeredAt).toBeLessThan(1_000);

    await closedWith(removed, CloseCode.forbidden);
    expect(removed.closeCodes).toEqual([CloseCode.accessChanged, CloseCode.forbidden]);
    expect(removed.provider.shouldConnect).toBe(false);
    // No further attempts: the provider stays stopped.
    await sleep(1_000);
    expect(removed.closeCodes).toEqual([CloseCode.accessChanged, CloseCode.forbidden]);
    expect(removed.provider.wsconnected || removed.provider.wsconnecting).toBe(false);
    expect(staying.closeCodes).toEqual([]);
  });
});

describe("sign out everywhere", () => {
  it("closes the person's sockets on every device; reconnecting is refused with 4401", async () => {
    const server = await servers.shared();
    const id = await documentWithText(server);
    const laptop = await memberOf(server, "Lost phone", "editor");
    const phone = await signIn(server, laptop);
    const onLaptop = connectClient(server, id, { account: laptop });
    const onPhone = connectClient(server, id, { account: phone });
    const someoneElse = connectClient(server, id);
    await Promise.all([onLaptop, onPhone, someoneElse].map((client) => waitForSynced(client.provider)));

    const closes = [onLaptop, onPhone].map(firstClose);
    const out = await api(server, "POST", "/api/account/sign-out-everywhere", {}, { account: laptop });
    const answeredAt = Date.now();
    expect(out.status).toBe(200);
    for (const closed of closes) expect(await closed(answeredAt)).toBeLessThan(1_000);
    for (const client of [onLaptop, onPhone]) {
      await closedWith(client, CloseCode.unauthorized);
      expect(client.closeCodes).toEqual([CloseCode.accessChanged, CloseCode.unauthorized]);
      expect(client.provider.shouldConnect).toBe(false);
    }
    expect(someoneElse.closeCodes).toEqual([]);
    expect(someoneElse.provider.wsconnected).toBe(true);
  });

  it("ends the person's sync tokens too: a token-opened client is refused with 4401", async () => {
    const server = await servers.shared();
    const id = await documentWithText(server);
    const member = await memberOf(server, "Script user", "editor");
    const { body } = await api<{ token: string }>(
      server,
      "POST",
      `/api/documents/${id}/sync-token`,
      {},
      {
        account: member,
      },
    );
    // A non-browser client: no cookie, no Origin, the token alone.
    const script = connectClient(server, id, { headers: {}, params: { token: body.token } });
    await waitForSynced(script.provider);
    expect(script.text()).toBe(TEXT);

    const out = await api(server, "POST", "/api/account/sign-out-everywhere", {}, { account: member });
    expect(out.status).toBe(200);
    await closedWith(script, CloseCode.unauthorized);
    expect(script.closeCodes).toEqual([CloseCode.accessChanged, CloseCode.unauthorized]);
    expect(script.provider.shouldConnect).toBe(false);
  });
});

describe("a password change on one device", () => {
  it("closes the other sessions' sockets; the device that changed it keeps its socket, also when checked again", async () => {
    // Checked again every second, so the backstop runs while the test watches.
    const server = await servers.start({ env: { ACCESS_RECHECK_SECONDS: "1", LOG_LEVEL: "debug" } });
    const id = await documentWithText(server);
    const laptop = await memberOf(server, "Stolen laptop", "editor");
    const phone = await signIn(server, laptop);
    const onLaptop = connectClient(server, id, { account: laptop });
    const onPhone = connectClient(server, id, { account: phone });
    const watcher = connectClient(server, id);
    await Promise.all([onLaptop, onPhone, watcher].map((client) => waitForSynced(client.provider)));

    const changed = await api(
      server,
      "PUT",
      "/api/account/password",
      { currentPassword: laptop.password, newPassword: "a new long test password" },
      { account: phone },
    );
    expect(changed.status).toBe(200);
    await closedWith(onLaptop, CloseCode.accessChanged);
    // Its cookie is dead: the stock client's reconnect is refused and it stops.
    await closedWith(onLaptop, CloseCode.unauthorized);
    expect(onLaptop.provider.shouldConnect).toBe(false);

    // Two rounds of checking again after the change: the phone's socket was not taken for a dead session.
    const rounds = () => server.logs().split("open sockets and streams checked again").length;
    const after = rounds();
    await waitFor(() => rounds() >= after + 2, { message: "two rounds of checking again" });
    expect(onPhone.closeCodes).toEqual([]);
    expect(onPhone.provider.wsconnected).toBe(true);
    onPhone.ytext.insert(0, "[phone] ");
    await waitFor(() => watcher.text() === `[phone] ${TEXT}`, { message: "the phone's edit to arrive" });
    expect(watcher.closeCodes).toEqual([]);
  });
});

describe("a grant taken away while its guest is connected", () => {
  it("closes the guest's socket within a second, and the reconnect right after is refused with 4403", async () => {
    const server = await servers.shared();
    const owner = await defaultAccount(server);
    const id = await documentWithText(server);
    const ally = await signUp(server, "Ally from academia");
    const token = await invite(server, owner, await workspaceOf(server, owner), {
      role: "commenter",
      documentId: id,
    });
    await acceptInvitation(server, ally, token);
    const guest = connectClient(server, id, { account: ally });
    await waitForSynced(guest.provider);
    const closed = firstClose(guest);

    const taken = await api(server, "DELETE", `/api/documents/${id}/access/${ally.userId}`);
    expect(taken.status).toBe(200);
    expect(await closed(Date.now())).toBeLessThan(1_000);
    await closedWith(guest, CloseCode.forbidden);
    expect(guest.closeCodes).toEqual([CloseCode.accessChanged, CloseCode.forbidden]);
    expect(guest.provider.shouldConnect).toBe(false);
  });
});

describe("a document moved to the trash while people are in it", () => {
  it("closes every socket within a second; a new socket of anyone who had it open is refused with 4404", async () => {
    const server = await servers.shared();
    const id = await documentWithText(server);
    const account = await memberOf(server, "Co-drafter", "editor");
    const mine = connectClient(server, id);
    const theirs = connectClient(server, id, { account });
    await Promise.all([waitForSynced(mine.provider), waitForSynced(theirs.provider)]);
    const closes = [mine, theirs].map(firstClose);

    const trashed = await api(server, "DELETE", `/api/documents/${id}`);
    const answeredAt = Date.now();
    expect(trashed.status).toBe(200);
    for (const closed of closes) expect(await closed(answeredAt)).toBeLessThan(1_000);
    for (const who of [undefined, account]) {
      const again = openRawSocket(server, id, { account: who });
      expect((await closedWithin(again)).code).toBe(CloseCode.documentNotFound);
      expect(again.received).toHaveLength(0);
    }
  });
});
