import { Duplex } from "node:stream";

/**
 * One end of an in-memory connection: what is written to it is read from
 * its peer. It stands in for a `net.Socket` where the HTTP server, `ws`
 * and `http.request` want one (the few methods they call on a socket are
 * here and do nothing), so the whole server can be driven without the
 * kernel: no ports, no system calls, fast enough for a million frames.
 */
export class MemorySocket extends Duplex {
  peer: MemorySocket | undefined;
  readonly remotePort = 40_000;
  readonly remoteFamily = "IPv4";

  constructor(readonly remoteAddress: string) {
    super({ allowHalfOpen: true });
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // A copy: the writer may reuse its buffer once the callback ran (ws's masking does).
    this.peer?.push(Buffer.from(chunk));
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.peer?.push(null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const { peer } = this;
    this.peer = undefined;
    if (peer && !peer.destroyed) {
      peer.peer = undefined;
      // As TCP: a reset reaches the other end as the end of what it reads, then a close.
      peer.push(null);
      peer.destroy();
    }
    callback(error);
  }

  setTimeout(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }
}

/** Two connected ends: `[client, server]`, the server's seen as coming from `remoteAddress`. */
export function memorySocketPair(remoteAddress: string): [MemorySocket, MemorySocket] {
  const client = new MemorySocket("127.0.0.1");
  const server = new MemorySocket(remoteAddress);
  client.peer = server;
  server.peer = client;
  return [client, server];
}
