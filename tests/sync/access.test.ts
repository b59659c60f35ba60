import { CloseCode } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { acceptInvitation, defaultAccount, invite, signUp, workspaceOf } from "../support/accounts.js";
import {
  api,
  connectClient,
  createDocumentWithText,
  type ServerAddress,
  waitFor,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { sleep } from "../support/ports.js";
import { closedWithin, openRawSocket } from "../support/rawSocket.js";

/**
 * Who may open a document's socket, decided before the upgrade: every
 * refusal closes with its named code before a single frame of the document.
 */

const servers = useServers();
const SECRET_TEXT = "Our fallback position: 0.7% of GDP by 2030";

/** A document holding {@link SECRET_TEXT}, stored; its id. */
const documentWithText = (server: ServerAddress, title = "Negotiating position") =>
  createDocumentWithText(server, title, SECRET_TEXT);

async function syncToken(server: ServerAddress, documentId: string) {
  const { status, body } = await api<{ token: string; expiresAt: string }>(
    server,
    "POST",
    `/api/documents/${documentId}/sync-token`,
    {},
  );
  expect(status).toBe(200);
  return body;
}

/** Opens a raw socket that must be refused: its close code, after checking nothing was received. */
async function refusedWith(
  server: ServerAddress,
  path: string,
  headers: Record<string, string>,
  what: string,
): Promise<number> {
  const socket = openRawSocket(server, path, { headers });
  const { code } = await closedWithin(socket);
  expect(socket.received.length, `${what}: frames received before the close`).toBe(0);
  const secret = Buffer.from(SECRET_TEXT.slice(0, 12));
  for (const frame of socket.received) expect(Buffer.from(frame).includes(secret), what).toBe(false);
  return code;
}

describe("sockets refused before any document byte", () => {
  it("no credentials, a wrong Origin, a cookie without Origin, bad tokens, a non-member: each with its code", async () => {
    const server = await servers.shared();
    const owner = await defaultAccount(server);
    const id = await documentWithText(server);
    const other = await documentWithText(server, "Another document");
    const tokenForOther = (await syncToken(server, other)).token;
    const [payload, signature] = tokenForOther.split(".") as [string, string];
    const outsider = await signUp(server, "Outsider");
    const own = { cookie: owner.cookie, origin: server.url };

    const cases: [string, string, Record<string, string>, number][] = [
      ["no credentials at all", id, {}, CloseCode.unauthorized],
      [
        "a valid cookie from another site",
        id,
        { ...own, origin: "https://evil.example" },
        CloseCode.forbidden,
      ],
      ["a valid cookie with Origin null", id, { ...own, origin: "null" }, CloseCode.forbidden],
      ["a valid cookie without Origin", id, { cookie: owner.cookie }, CloseCode.unauthorized],
      ["a garbled token", `${id}?token=not-a-token`, {}, CloseCode.unauthorized],
      [
        "a token with a forged signature",
        `${id}?token=${payload}.${"A".repeat(43)}`,
        {},
        CloseCode.unauthorized,
      ],
      ["a token for another document", `${id}?token=${tokenForOther}`, {}, CloseCode.unauthorized],
      ["a signed-in non-member", id, { cookie: outsider.cookie, origin: server.url }, CloseCode.forbidden],
      [
        "a valid token with a wrong Origin",
        `${other}?token=${tokenForOther}`,
        { origin: "https://evil.example" },
        CloseCode.forbidden,
      ],
    ];
    for (const [what, path, headers, code] of cases) {
      expect(await refusedWith(server, path, headers, what), what).toBe(code);
    }
    expect(signature.length).toBe(43);

    // The stock client is told the same and stops for good.
    const stranger = connectClient(server, id, { account: outsider });
    await waitFor(() => stranger.closeCodes.length > 0, { message: "the outsider's client to be closed" });
    expect(stranger.closeCodes).toEqual([CloseCode.forbidden]);
    expect(stranger.provider.shouldConnect).toBe(false);
    expect(stranger.text()).toBe("");
  });

  it("an expired sync token (SYNC_TOKEN_SECONDS=1) closes with 4401", async () => {
    const server = await servers.shared({ env: { SYNC_TOKEN_SECONDS: "1" } });
    await defaultAccount(server);
    const id = await documentWithText(server);
    const { token, expiresAt } = await syncToken(server, id);
    const wait = new Date(expiresAt).getTime() - Date.now();
    expect(wait).toBeLessThanOrEqual(2_000);
    await sleep(Math.max(0, wait) + 200);

    const socket = openRawSocket(server, `${id}?token=${token}`, { headers: {} });
    const closed = await closedWithin(socket);
    expect(closed).toEqual({ code: CloseCode.unauthorized, reason: "sync token expired" });
    expect(socket.received).toHaveLength(0);
  });
});

describe("a sync token", () => {
  it("opens the socket without cookie or Origin and syncs the text", async () => {
    const server = await servers.shared();
    await defaultAccount(server);
    const id = await documentWithText(server);
    const { token } = await syncToken(server, id);

    const client = connectClient(server, id, { headers: {}, params: { token } });
    await waitForSynced(client.provider);
    expect(client.text()).toBe(SECRET_TEXT);
    expect(client.closeCodes).toEqual([]);
  });
});

describe("a per-document grant to someone outside the workspace", () => {
  it("opens that one document for suggestions only (commenter), and nothing else of the workspace", async () => {
    const server = await servers.shared();
    const owner = await defaultAccount(server);
    const workspaceId = await workspaceOf(server, owner);
    const letter = await documentWithText(server, "Joint letter");
    const internal = await documentWithText(server, "Internal notes");
    const ally = await signUp(server, "Ally");
    await acceptInvitation(
      server,
      ally,
      await invite(server, owner, workspaceId, { role: "commenter", documentId: letter }),
    );

    const client = connectClient(server, letter, { account: ally });
    await waitForSynced(client.provider);
    expect(client.text()).toBe(SECRET_TEXT);
    client.ytext.insert(0, "ALLY EDIT ");
    await waitFor(() => client.permissionDenied.length > 0, {
      message: "the ally to be told suggestions only",
    });
    const reader = connectClient(server, letter);
    await waitForSynced(reader.provider);
    expect(reader.text()).toBe(SECRET_TEXT);

    const other = openRawSocket(server, internal, { account: ally });
    expect((await closedWithin(other)).code).toBe(CloseCode.forbidden);
    expect(other.received).toHaveLength(0);

    const listed = await api<{ error: { code: string } }>(
      server,
      "GET",
      `/api/workspaces/${workspaceId}/documents`,
      undefined,
      { account: ally },
    );
    expect(listed.status).toBe(403);
    expect(listed.body.error.code).toBe("forbidden");
    expect((await api(server, "GET", `/api/documents/${letter}`, undefined, { account: ally })).status).toBe(
      200,
    );
    expect(
      (await api(server, "GET", `/api/documents/${internal}`, undefined, { account: ally })).status,
    ).toBe(403);
  });
});
