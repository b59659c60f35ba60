import { afterEach, beforeEach } from "vitest";
import { destroyAllClients } from "./clients.js";
import { closeAllRawSockets } from "./rawSocket.js";
import { type StartServerOptions, startServer, type TestServer } from "./server.js";

/**
 * Registers per-test teardown in the calling test file: clients, raw sockets
 * and every server started through the returned `start` are disposed after
 * each test, pass or fail, and a failing test prints the servers' output.
 */
export function useServers(): { start(options?: StartServerOptions): Promise<TestServer> } {
  let servers: TestServer[] = [];
  beforeEach((context) => {
    // Failure callbacks run after afterEach has disposed the servers; their output stays readable.
    const started = servers;
    context.onTestFailed(() => {
      for (const server of started) {
        console.error(
          `--- output of server on port ${server.port} ---\n${server.logs().split("\n").slice(-80).join("\n")}`,
        );
      }
    });
  });
  afterEach(async () => {
    destroyAllClients();
    closeAllRawSockets();
    const stopping = servers;
    servers = [];
    await Promise.all(stopping.map((server) => server.dispose()));
  });
  return {
    async start(options) {
      const server = await startServer(options);
      servers.push(server);
      return server;
    },
  };
}
