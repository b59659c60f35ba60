import { describe, expect, it } from "vitest";
import { api, connectClient, createDocument, waitFor, waitForSynced } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { rawRequest, resetDuringUpgrade } from "../support/rawHttp.js";

/**
 * Issue 13, item 1: request targets a WebSocket library would never send,
 * written byte for byte on a raw TCP connection. Each costs its own request
 * a 4xx; the process stays up and keeps serving everyone else.
 */

const servers = useServers();

/** Targets that once threw out of the 'upgrade' handler, and their kin. */
const MALFORMED_TARGETS = [
  "/sync/%FF",
  "/sync/%E0%A4%A",
  "//[",
  "/sync/%",
  "/sync/%G0",
  "/sync/%C0%AF",
  "/sync/%ED%A0%80",
  "*",
  "http://[/sync/x",
  "//host/sync/x",
];

describe("malformed request targets", () => {
  it("answer 400 (upgrade or not) and never end the process; sockets reset mid-upgrade neither", async () => {
    const server = await servers.start();
    const { id } = await createDocument(server, "Still served");
    const editor = connectClient(server, id);
    await waitForSynced(editor.provider);

    for (const target of MALFORMED_TARGETS) {
      expect(await rawRequest(server, target, { upgrade: true }), `upgrade to ${target}`).toBe(400);
      expect(server.process.exitCode, `the process after an upgrade to ${target}`).toBeNull();
      // A plain request is Hono's to answer (the web app's page, a 404 or a 400): never a 5xx or a crash.
      const plain = await rawRequest(server, target);
      expect(plain !== 0 && plain < 500, `plain GET ${target} answered ${plain}`).toBe(true);
    }
    for (const host of ["[", "%FF", "a b"]) {
      const status = await rawRequest(server, "/api/health", { host });
      expect(status, `Host ${host} answered ${status}`).toBe(400);
      const upgrade = await rawRequest(server, `/sync/${id}`, { upgrade: true, host });
      expect(upgrade !== 0 && upgrade < 500, `upgrade with Host ${host} answered ${upgrade}`).toBe(true);
    }
    // Clients that hang up (TCP reset) while their upgrade is being handled.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => resetDuringUpgrade(server, i % 2 ? `/sync/${id}` : "/elsewhere")),
    );

    const health = await api<{ status: string }>(server, "GET", "/api/health");
    expect(health.status).toBe(200);
    expect(server.process.exitCode).toBeNull();
    // The editor's socket was never dropped, and a newcomer syncs its edit.
    editor.ytext.insert(0, "after the probes");
    const newcomer = connectClient(server, id);
    await waitFor(() => newcomer.text() === "after the probes", { message: "the newcomer to sync" });
    expect(editor.closeCodes).toEqual([]);
  });
});
