import { afterAll, afterEach, beforeEach } from "vitest";
import { destroyAllClients } from "./clients.js";
import { closeAllRawSockets } from "./rawSocket.js";
import { type StartServerOptions, startServer, type TestServer } from "./server.js";

export interface ServerFixtures {
  /** A server of the calling test alone, disposed after it: for tests that stop, kill or restart it. */
  start(options?: StartServerOptions): Promise<TestServer>;
  /**
   * The file's server with these options, started on first use and disposed
   * after the file: tests that only use it (each with its own accounts and
   * documents) share it rather than each paying for a server start.
   */
  shared(options?: StartServerOptions): Promise<TestServer>;
}

/**
 * Registers teardown in the calling test file: clients, raw sockets and
 * every server started through `start` are disposed after each test, pass
 * or fail, `shared` servers after the file; a failing test prints the
 * output of the servers it used.
 */
export function useServers(): ServerFixtures {
  let servers: TestServer[] = [];
  const sharedServers = new Map<string, Promise<TestServer>>();
  let used: TestServer[] = [];
  beforeEach((context) => {
    used = [];
    // Failure callbacks run after afterEach has disposed the servers; their output stays readable.
    const started = servers;
    const usedByTest = used;
    context.onTestFailed(() => {
      for (const server of [...started, ...usedByTest]) {
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
  afterAll(async () => {
    const stopping = [...sharedServers.values()];
    sharedServers.clear();
    await Promise.all(stopping.map(async (server) => (await server).dispose()));
  });
  return {
    async start(options) {
      const server = await startServer(options);
      servers.push(server);
      return server;
    },
    async shared(options = {}) {
      const key = JSON.stringify(options);
      let server = sharedServers.get(key);
      if (!server) {
        server = startServer(options);
        sharedServers.set(key, server);
        // A start that failed is not kept: the next test tries again.
        server.catch(() => sharedServers.delete(key));
      }
      const started = await server;
      used.push(started);
      return started;
    },
  };
}
