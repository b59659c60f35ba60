import { createServer, type Server, type Socket } from "node:net";
import { connectUpstream } from "./netProxy.js";

/**
 * A phone's link on loopback: a TCP proxy whose two directions each carry
 * `bitsPerSecond` shared by every connection (as one radio link is), and
 * every byte arrives half a round trip after it left; a new connection
 * costs one round trip before its first byte (the TCP handshake). Unlike
 * CDP's network emulation it slows the service worker's fetches too, and
 * it counts every byte each way. With `SLOW_LINK_LOG=1` it prints each
 * HTTP request it carried, with when it left and the bytes of its answer.
 */
export interface SlowLink {
  readonly port: number;
  readonly url: string;
  /** Bytes carried from the browser to the server, and back, since the start or the last `reset`. */
  readonly sent: number;
  readonly received: number;
  /** Connections opened since the start or the last `reset`. */
  readonly connections: number;
  reset(): void;
  close(): Promise<void>;
}

export interface SlowLinkOptions {
  /** Each direction's capacity, e.g. 400_000 for 400 kbps. */
  bitsPerSecond: number;
  /** Round-trip time added to every exchange, e.g. 400. */
  roundTripMs: number;
}

/** Largest piece a chunk is cut into, about a TCP segment. */
const SEGMENT_BYTES = 1_460;

/**
 * One direction of the link. Connections share it in turns, a segment at a
 * time (as TCP flows share a bottleneck), so a small stylesheet is not held
 * behind a large script that happened to be sent first.
 */
class Direction {
  bytes = 0;
  private readonly queues = new Map<(piece: Buffer) => void, Buffer[]>();
  private turn: Iterator<[(piece: Buffer) => void, Buffer[]]> | undefined;
  private busy = false;
  private freeAt = 0;

  constructor(
    private readonly bytesPerMs: number,
    private readonly oneWayMs: number,
  ) {}

  /** Delivers `chunk` through `write` when it would arrive on the real link. */
  carry(chunk: Buffer, write: (piece: Buffer) => void): void {
    this.bytes += chunk.byteLength;
    let queue = this.queues.get(write);
    if (!queue) {
      queue = [];
      this.queues.set(write, queue);
    }
    for (let at = 0; at < chunk.byteLength; at += SEGMENT_BYTES)
      queue.push(chunk.subarray(at, at + SEGMENT_BYTES));
    if (!this.busy) this.next();
  }

  /** Puts the next connection's next segment on the link. */
  private next(): void {
    const picked = this.pick();
    if (!picked) {
      this.busy = false;
      return;
    }
    this.busy = true;
    const [write, piece] = picked;
    const now = performance.now();
    this.freeAt = Math.max(now, this.freeAt) + piece.byteLength / this.bytesPerMs;
    // Each segment arrives half a round trip after it has left; equal delays keep the order.
    setTimeout(() => {
      setTimeout(write, this.oneWayMs, piece);
      this.next();
    }, this.freeAt - now);
  }

  private pick(): [(piece: Buffer) => void, Buffer] | undefined {
    for (let tries = 0; tries <= this.queues.size; tries++) {
      let step = this.turn?.next();
      if (!step || step.done) {
        this.turn = this.queues.entries();
        step = this.turn.next();
        if (step.done) return undefined;
      }
      const [write, queue] = step.value;
      const piece = queue.shift();
      if (queue.length === 0) this.queues.delete(write);
      if (piece) return [write, piece];
    }
    return undefined;
  }
}

export async function startSlowLink(targetPort: number, options: SlowLinkOptions): Promise<SlowLink> {
  const bytesPerMs = options.bitsPerSecond / 8 / 1000;
  const oneWayMs = options.roundTripMs / 2;
  let up = new Direction(bytesPerMs, oneWayMs);
  let down = new Direction(bytesPerMs, oneWayMs);
  let connections = 0;
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    connections++;
    client.pause();
    const upstream = connectUpstream(client, targetPort, sockets);
    const toServer = (piece: Buffer) => upstream.writable && upstream.write(piece);
    const toClient = (piece: Buffer) => client.writable && client.write(piece);
    // The handshake: nothing flows until a round trip has passed.
    const log = process.env.SLOW_LINK_LOG ? { request: "", bytes: 0, at: 0 } : undefined;
    const flushLog = () => {
      if (log?.request) console.log(`slow link: ${log.bytes} B ${Math.round(log.at)} ms ${log.request}`);
    };
    if (log) {
      upstream.on("data", (chunk: Buffer) => (log.bytes += chunk.byteLength));
      client.on("close", flushLog);
    }
    setTimeout(() => {
      client.on("data", (chunk: Buffer) => {
        const line = log && /^(GET|POST|PUT|PATCH|DELETE|HEAD) [^ ]+/.exec(chunk.toString("latin1", 0, 200));
        if (log && line) {
          flushLog();
          log.request = line[0];
          log.bytes = 0;
          log.at = performance.now();
        }
        up.carry(chunk, toServer);
      });
      client.resume();
    }, options.roundTripMs);
    upstream.on("data", (chunk: Buffer) => down.carry(chunk, toClient));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get sent() {
      return up.bytes;
    },
    get received() {
      return down.bytes;
    },
    get connections() {
      return connections;
    },
    reset() {
      up = new Direction(bytesPerMs, oneWayMs);
      down = new Direction(bytesPerMs, oneWayMs);
      connections = 0;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
