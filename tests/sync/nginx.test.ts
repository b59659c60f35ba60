import { afterEach, describe, expect, it } from "vitest";
import { acceptInvitation, defaultAccount, invite, signUp, workspaceOf } from "../support/accounts.js";
import { api, connectClient, createDocument, waitFor, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { startNginx, type TestNginx } from "../support/nginx.js";
import { rawRequest } from "../support/rawHttp.js";

/**
 * The shipped `deploy/nginx.conf` in front of a server: the REST API, the
 * Origin checks and the sync socket all work through it as a browser would
 * use them (Origin = the proxy's address).
 */

const servers = useServers();
let nginx: TestNginx | undefined;
afterEach(async () => {
  await nginx?.dispose();
  nginx = undefined;
});

describe("behind the shipped nginx config", () => {
  it("serves the API, the Origin checks and the sync socket through the proxy", async () => {
    const server = await servers.start({ env: { TRUST_PROXY: "true" } });
    nginx = await startNginx([server.port]);
    const proxy = { url: nginx.url, wsUrl: nginx.wsUrl };

    // Sign up and work entirely through the proxy, with its Origin.
    const owner = await defaultAccount(proxy);
    const { id } = await createDocument(proxy, "Through the proxy");
    const health = await api<{ status: string }>(proxy, "GET", "/api/health");
    expect(health.status).toBe(200);

    // A second person joins through the proxy too; both edit live.
    const token = await invite(proxy, owner, await workspaceOf(proxy, owner), { role: "editor" });
    const colleague = await signUp(proxy, "Colleague");
    await acceptInvitation(proxy, colleague, token);
    const a = connectClient(proxy, id, { account: owner });
    const b = connectClient(proxy, id, { account: colleague });
    await Promise.all([waitForSynced(a.provider), waitForSynced(b.provider)]);
    a.ytext.insert(0, "Through nginx: ");
    b.ytext.insert(b.ytext.length, "both ways.");
    await waitFor(() => a.text() === b.text() && a.text().length === "Through nginx: both ways.".length, {
      message: () =>
        `convergence through nginx (a=${JSON.stringify(a.text())}, b=${JSON.stringify(b.text())})`,
    });

    // Another site's page is still refused through the proxy.
    const forged = await fetch(`${nginx.url}/api/workspaces`, {
      method: "POST",
      headers: { origin: "https://evil.example", cookie: owner.cookie, "content-type": "application/json" },
      body: JSON.stringify({ name: "Forged" }),
    });
    expect(forged.status).toBe(403);

    // Issue 13: nginx passes a malformed sync target on; the instance refuses it and stays up.
    for (const target of ["/sync/%FF", "/sync/%E0%A4%A"]) {
      const status = await rawRequest(nginx, target, { upgrade: true });
      expect(status, `upgrade to ${target} through nginx`).toBe(400);
    }
    expect(server.process.exitCode).toBeNull();
    a.ytext.insert(0, "Still up. ");
    await waitFor(() => b.text().startsWith("Still up. "), { message: "edits to flow after the probe" });
    expect([...a.closeCodes, ...b.closeCodes]).toEqual([]);
    expect(nginx.logs()).not.toContain("[emerg]");
  });
});
