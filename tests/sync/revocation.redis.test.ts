import { CloseCode } from "@caucus/shared";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  invite,
  signIn,
  signUp,
  type TestAccount,
  workspaceOf,
} from "../support/accounts.js";
import {
  api,
  connectClient,
  createDocument,
  firstClose,
  waitFor,
  waitForSynced,
} from "../support/clients.js";
import { type FollowedStream, followStream } from "../support/eventStreams.js";
import { useServers } from "../support/fixtures.js";
import { type PostgresCluster, sharedPostgres } from "../support/postgres.js";
import { closedWithin, openRawSocket } from "../support/rawSocket.js";
import { type RedisServer, startRedis } from "../support/redis.js";

/**
 * Two instances share PostgreSQL and Redis. A member removed through one
 * instance loses their event stream and socket on the other at once, and
 * the other refuses their next socket though it had let them in before; so
 * too a document trashed and a device signed out. Then a member is
 * demoted, and another signed out, through one instance while Redis is
 * down, so the other never hears of it; once Redis is back, that instance
 * checks its sockets and streams again: the socket reconnects under the new
 * role and the signed-out member's stream ends.
 */

const servers = useServers();
let postgres: PostgresCluster;
let redis: RedisServer;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([sharedPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.dispose()]);
});

describe("rights changes on another instance", () => {
  it("end streams there through Redis, and reach its sockets and streams once Redis is back after missing them", async () => {
    const env = { DATABASE_URL: await postgres.createDatabase(), REDIS_URL: redis.url };
    const first = await servers.start({ env });
    const second = await servers.start({ env });

    const owner: TestAccount = await signUp(first, "Owner");
    const workspaceId = await workspaceOf(first, owner);
    const { id } = await createDocument(first, "Position paper", "analysis", owner);
    const member = await signUp(first, "Member");
    await acceptInvitation(first, member, await invite(first, owner, workspaceId, { role: "editor" }));

    const removed = await signUp(first, "Removed reader");
    const signedOut = await signUp(first, "Signed out while Redis was away");
    for (const person of [removed, signedOut]) {
      await acceptInvitation(first, person, await invite(first, owner, workspaceId, { role: "viewer" }));
    }

    // The member edits through the second instance; the others follow its streams there.
    const client = connectClient(second, id, { account: member });
    await waitForSynced(client.provider);
    await waitFor(async () => (await fetch(`${second.url}/api/health`)).status === 200, {
      message: "the second instance to see Redis",
    });
    const follow = async (path: string, account: TestAccount) => {
      const stream = await followStream(second, path, account);
      expect(stream.status).toBe(200);
      await waitFor(() => stream.events.some((event) => event.event === "snapshot"), {
        message: `the snapshot of ${path}`,
      });
      return stream;
    };
    const ends = (stream: FollowedStream, what: string) =>
      waitFor(() => stream.ended(), { timeout: 15_000, message: `${what} to end` });
    const comments = await follow(`/api/documents/${id}/threads/stream`, removed);
    const board = await follow(`/api/workspaces/${workspaceId}/calls/stream`, signedOut);
    // The second instance has let each in once, and remembers who and what they are.
    const removedSocket = connectClient(second, id, { account: removed });
    const doomed = await createDocument(first, "Draft to be trashed", "notes", owner);
    const onDoomed = connectClient(second, doomed.id, { account: member });
    const phone = await signIn(first, member);
    const onPhone = connectClient(second, id, { account: phone });
    await Promise.all([removedSocket, onDoomed, onPhone].map((c) => waitForSynced(c.provider)));
    const refusedOnSecond = async (account: TestAccount, documentId: string, code: number) => {
      const socket = openRawSocket(second, documentId, { account });
      expect((await closedWithin(socket)).code).toBe(code);
      expect(socket.received).toHaveLength(0);
    };

    // Through Redis: removed on the first instance, the stream and socket on the second end,
    // and the second lets no new socket of theirs in on what it remembered.
    const removedClosed = firstClose(removedSocket);
    const removal = await api(
      first,
      "DELETE",
      `/api/workspaces/${workspaceId}/members/${removed.userId}`,
      undefined,
      { account: owner },
    );
    expect(removal.status).toBe(200);
    expect(await removedClosed(Date.now())).toBeLessThan(1_000);
    await refusedOnSecond(removed, id, CloseCode.forbidden);
    await ends(comments, "the removed member's comment stream");

    // A document trashed on the first instance: closed on the second, and refused there.
    const doomedClosed = firstClose(onDoomed);
    const trashed = await api(first, "DELETE", `/api/documents/${doomed.id}`, undefined, { account: owner });
    expect(trashed.status).toBe(200);
    expect(await doomedClosed(Date.now())).toBeLessThan(1_000);
    expect(onDoomed.closeCodes).toContain(CloseCode.documentNotFound);
    await refusedOnSecond(member, doomed.id, CloseCode.documentNotFound);

    // One device signed out on the first instance: its socket on the second closes, its
    // cookie is refused there, and the member's other device carries on.
    const phoneClosed = firstClose(onPhone);
    const out = await api(first, "POST", "/api/auth/sign-out", {}, { account: phone });
    expect(out.status).toBe(200);
    expect(await phoneClosed(Date.now())).toBeLessThan(1_000);
    await refusedOnSecond(phone, id, CloseCode.unauthorized);
    expect(client.closeCodes).toEqual([]);

    await redis.kill();
    const demoted = await api(
      first,
      "PATCH",
      `/api/workspaces/${workspaceId}/members/${member.userId}`,
      { role: "viewer" },
      { account: owner },
    );
    expect(demoted.status).toBe(200);
    const signedOutUnheard = await api(first, "POST", "/api/auth/sign-out", {}, { account: signedOut });
    expect(signedOutUnheard.status).toBe(200);
    // The second instance could not hear it: the socket is still open as an editor's.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(client.closeCodes).toEqual([]);
    expect(board.ended()).toBe(false);
    // But a new socket there is checked against the database, not what it remembered: a viewer's.
    const meanwhile = connectClient(second, id, { account: member });
    await waitForSynced(meanwhile.provider);
    meanwhile.ytext.insert(0, "[while Redis is away] ");
    await waitFor(() => meanwhile.permissionDenied.length > 0, { message: "the new socket to be read-only" });
    await refusedOnSecond(signedOut, id, CloseCode.unauthorized);

    await redis.restart();
    await waitFor(() => client.closeCodes.includes(CloseCode.accessChanged), {
      timeout: 15_000,
      message: () => `the member's socket to be checked again (saw ${JSON.stringify(client.closeCodes)})`,
    });
    // It reconnects by itself, under the new role.
    await waitForSynced(client.provider);
    await waitFor(() => client.provider.wsconnected, { message: "the member to reconnect" });
    await ends(board, "the signed-out member's board stream");
    expect(second.logs()).toContain("sync sockets closed: rights changed unheard (checked again)");
    expect(second.logs()).toContain("event streams ended: access checked again");
  });
});

describe("a session that expires while its sockets and streams are open", () => {
  it("closes them at the next periodic check, though nothing announced it", async () => {
    const databaseUrl = await postgres.createDatabase();
    const server = await servers.start({ env: { DATABASE_URL: databaseUrl, ACCESS_RECHECK_SECONDS: "1" } });
    const owner = await signUp(server, "Owner");
    const workspaceId = await workspaceOf(server, owner);
    const { id } = await createDocument(server, "Position paper", "analysis", owner);
    const member = await signUp(server, "Expiring member");
    await acceptInvitation(server, member, await invite(server, owner, workspaceId, { role: "editor" }));
    const expiring = connectClient(server, id, { account: member });
    const staying = connectClient(server, id, { account: owner });
    await Promise.all([waitForSynced(expiring.provider), waitForSynced(staying.provider)]);
    const board = await followStream(server, `/api/workspaces/${workspaceId}/calls/stream`, member);
    expect(board.status).toBe(200);
    await waitFor(() => board.events.some((event) => event.event === "snapshot"), {
      message: "the snapshot",
    });

    // Time passes for the session alone: no route ran, no hook fired, nothing was published.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(
        `UPDATE "sessions" SET "expiresAt" = now() - interval '1 second' WHERE "userId" = $1`,
        [member.userId],
      );
    } finally {
      await client.end();
    }
    await waitFor(() => expiring.closeCodes.includes(CloseCode.accessChanged), {
      timeout: 15_000,
      message: () => `the expired session's socket to close (saw ${JSON.stringify(expiring.closeCodes)})`,
    });
    await waitFor(() => board.ended(), { timeout: 15_000, message: "the expired session's stream to end" });
    expect(staying.closeCodes).toEqual([]);
  });
});
