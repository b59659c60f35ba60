import net from "node:net";

/** Where to send raw bytes: a server or proxy's HTTP URL. */
interface HttpAddress {
  readonly url: string;
}

export interface RawRequestOptions {
  /** Send WebSocket upgrade headers, as a sync client would. */
  upgrade?: boolean;
  /** The Host header; the address's own when omitted. */
  host?: string;
  /** Milliseconds to wait for the answer's status line. */
  timeout?: number;
}

const UPGRADE_HEADERS =
  "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

function endpoint(address: HttpAddress): { host: string; port: number } {
  const url = new URL(address.url);
  return { host: url.hostname, port: Number(url.port) };
}

/**
 * Writes one request line `GET <target> HTTP/1.1` byte for byte (no client
 * library normalises or refuses the target) and resolves with the status
 * code of the answer, or 0 when the connection closed without one.
 */
export function rawRequest(
  address: HttpAddress,
  target: string,
  options: RawRequestOptions = {},
): Promise<number> {
  const { host, port } = endpoint(address);
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host);
    let answer = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no status line for ${JSON.stringify(target)} within ${options.timeout ?? 5_000} ms`));
    }, options.timeout ?? 5_000);
    const finish = (status: number) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    socket.on("connect", () => {
      const head = `GET ${target} HTTP/1.1\r\nHost: ${options.host ?? `${host}:${port}`}\r\n`;
      socket.write(
        Buffer.concat([
          Buffer.from(head, "latin1"),
          Buffer.from(`${options.upgrade ? UPGRADE_HEADERS : ""}\r\n`),
        ]),
      );
    });
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("latin1");
      const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (match) finish(Number(match[1]));
    });
    socket.on("error", () => finish(0));
    socket.on("close", () => finish(0));
  });
}

/**
 * Sends an upgrade request for `target` and resets the connection (TCP RST)
 * right after, while the server is still handling it.
 */
export function resetDuringUpgrade(address: HttpAddress, target: string): Promise<void> {
  const { host, port } = endpoint(address);
  return new Promise((resolve) => {
    const socket = net.connect(port, host, () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: ${host}:${port}\r\n${UPGRADE_HEADERS}\r\n`);
      setImmediate(() => {
        socket.resetAndDestroy();
        resolve();
      });
    });
    socket.on("error", () => resolve());
  });
}
