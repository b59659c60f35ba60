import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { pino } from "pino";
import WebSocket from "ws";
import { parseEnv } from "../../env.js";
import { type CaucusServer, createCaucusServer } from "../../server.js";
import { openTestDatabase } from "../database.js";
import { type MemorySocket, memorySocketPair } from "./memorySocket.js";

/** The origin the in-process server believes it is served at; browsers' requests claim it. */
export const ORIGIN = "http://caucus.test";

/** What the server logged at error level or worse: a bug that some input reached. */
export interface TLoggedError {
  msg: string;
  err?: { message?: string; stack?: string };
}

export interface TInProcessServer {
  server: CaucusServer;
  /** A new connection to the server as from `address`: the client's end. */
  connect(address?: string): MemorySocket;
  /** One HTTP request over a connection of its own. */
  request(options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
  }): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>;
  /** A `ws` client whose transport is an in-memory connection (for y-websocket's `WebSocketPolyfill`). */
  WebSocketOf(headers: Record<string, string>, address?: string): typeof WebSocket;
  errors: TLoggedError[];
  close(): Promise<void>;
}

/**
 * The whole server as `npm start` builds it (`createCaucusServer`: every
 * route, the sync gate with real sessions and roles, rooms, storage on an
 * in-memory PGlite), served over in-memory connections instead of a port.
 * `env` is merged over a quiet default; what it logs at error level is
 * kept in `errors` rather than printed.
 */
export async function startInProcessServer(env: Record<string, string> = {}): Promise<TInProcessServer> {
  const errors: TLoggedError[] = [];
  const logger = pino(
    { level: "error" },
    {
      write(line: string) {
        errors.push(JSON.parse(line) as TLoggedError);
      },
    },
  );
  const parsed = parseEnv({
    PORT: "0",
    AUTH_SECRET: "fuzz-secret-fuzz-secret-fuzz-secret-0123",
    PUBLIC_URL: ORIGIN,
    LOG_LEVEL: "error",
    ...env,
  });
  const server = await createCaucusServer(parsed, logger, "fuzz", await openTestDatabase());
  let addresses = 0;
  const connect = (address = `10.0.${(++addresses >> 8) & 255}.${addresses & 255}`) => {
    const [client, serverEnd] = memorySocketPair(address);
    server.http.emit("connection", serverEnd);
    return client;
  };
  return {
    server,
    connect,
    errors,
    request(options) {
      return new Promise((resolve, reject) => {
        const request = httpRequest(
          {
            method: options.method,
            path: options.path,
            headers: { host: new URL(ORIGIN).host, ...options.headers },
            createConnection: () => connect(),
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () =>
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks).toString("utf8"),
              }),
            );
            response.on("error", reject);
          },
        );
        request.on("error", reject);
        request.end(options.body);
      });
    },
    WebSocketOf(headers, address) {
      return class extends WebSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols, { headers, createConnection: () => connect(address) });
        }
      } as unknown as typeof WebSocket;
    },
    close: () => server.close(),
  };
}
