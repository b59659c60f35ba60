// Hocuspocus 4 as the bench's second reference: `@hocuspocus/server` with its
// defaults, no extensions, so it keeps documents in memory only (and drops
// one when its last socket leaves). Started by servers.ts as its own process.
import { Server } from "@hocuspocus/server";

const server = new Server({
  address: process.env.HOST ?? "127.0.0.1",
  port: Number(process.env.PORT ?? 0),
  quiet: true,
});
await server.listen();
// servers.ts waits for this line, as it does for @y/websocket-server's own.
console.log(`hocuspocus running at ${server.httpURL}`);
