import { CloseCode } from "@caucus/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation, invite, signUp, type TestAccount, workspaceOf } from "../support/accounts.js";
import { api, connectClient, createDocument, waitFor, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { type PostgresCluster, startPostgres } from "../support/postgres.js";
import { type RedisServer, startRedis } from "../support/redis.js";

/**
 * Two instances share PostgreSQL and Redis. A member is demoted through one
 * instance while Redis is down, so the other never hears of it; once Redis
 * is back, that instance checks its sockets again and the member's socket
 * reconnects under the new role.
 */

const servers = useServers();
let postgres: PostgresCluster;
let redis: RedisServer;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.dispose()]);
});

describe("a rights change made while Redis is down", () => {
  it("reaches the other instance's sockets once Redis is back", async () => {
    const env = { DATABASE_URL: await postgres.createDatabase(), REDIS_URL: redis.url };
    const first = await servers.start({ env });
    const second = await servers.start({ env });

    const owner: TestAccount = await signUp(first, "Owner");
    const workspaceId = await workspaceOf(first, owner);
    const { id } = await createDocument(first, "Position paper", "analysis", owner);
    const member = await signUp(first, "Member");
    await acceptInvitation(first, member, await invite(first, owner, workspaceId, { role: "editor" }));

    // The member edits through the second instance.
    const client = connectClient(second, id, { account: member });
    await waitForSynced(client.provider);
    await waitFor(async () => (await fetch(`${second.url}/api/health`)).status === 200, {
      message: "the second instance to see Redis",
    });

    await redis.kill();
    const demoted = await api(
      first,
      "PATCH",
      `/api/workspaces/${workspaceId}/members/${member.userId}`,
      { role: "viewer" },
      { account: owner },
    );
    expect(demoted.status).toBe(200);
    // The second instance could not hear it: the socket is still open as an editor's.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(client.closeCodes).toEqual([]);

    await redis.restart();
    await waitFor(() => client.closeCodes.includes(CloseCode.accessChanged), {
      timeout: 15_000,
      message: () => `the member's socket to be checked again (saw ${JSON.stringify(client.closeCodes)})`,
    });
    // It reconnects by itself, under the new role.
    await waitForSynced(client.provider);
    await waitFor(() => client.provider.wsconnected, { message: "the member to reconnect" });
    expect(second.logs()).toContain("rights changed while Redis was away");
  });
});
