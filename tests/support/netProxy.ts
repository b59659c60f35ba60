import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP proxy on 127.0.0.1 in front of a server: the "network" between a
 * browser and Caucus. `cut()` drops every open connection and refuses new
 * ones, as a lost mobile connection does; `restore()` lets traffic through
 * again. (Playwright's setOffline does not touch open WebSockets.) With
 * `latencyMs`, every answer from the server arrives that much later: a
 * slow link, or a slow database.
 */
export interface NetProxy {
  readonly port: number;
  readonly url: string;
  /**
   * The HTTP requests it carried, as `GET /assets/es-….js`, from each
   * request's first line: what reached the server (an answer from the
   * browser's or the service worker's cache is not here).
   */
  readonly requests: readonly string[];
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startNetProxy(
  targetPort: number,
  options: { latencyMs?: number } = {},
): Promise<NetProxy> {
  const { latencyMs = 0 } = options;
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  let up = true;
  const server: Server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    // A browser writes each request on a connection as one chunk, request line first.
    client.on("data", (chunk: Buffer) => {
      const line = /^([A-Z]+ [^ ]+) HTTP\/1\.1\r\n/.exec(chunk.toString("latin1", 0, 2_048));
      if (line?.[1]) requests.push(line[1]);
    });
    const upstream = connectUpstream(client, targetPort, sockets);
    client.pipe(upstream);
    if (latencyMs === 0) upstream.pipe(client);
    // Equal delays fire in order, so the stream stays in order.
    else upstream.on("data", (chunk) => setTimeout(() => client.writable && client.write(chunk), latencyMs));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const cut = () => {
    up = false;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    cut,
    restore() {
      up = true;
    },
    close() {
      cut();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Opens the server side of a proxied connection for `client`, and ties the
 * two together: either one failing or closing ends both, and both are in
 * `sockets` until then.
 */
export function connectUpstream(client: Socket, targetPort: number, sockets: Set<Socket>): Socket {
  const upstream = connect(targetPort, "127.0.0.1");
  sockets.add(client);
  sockets.add(upstream);
  const drop = () => {
    client.destroy();
    upstream.destroy();
    sockets.delete(client);
    sockets.delete(upstream);
  };
  client.on("error", drop).on("close", drop);
  upstream.on("error", drop).on("close", drop);
  return upstream;
}
