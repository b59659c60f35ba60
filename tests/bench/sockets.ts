import { MessageType } from "@caucus/shared";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import { credentialHeaders } from "../support/clients.js";
import { sleep } from "../support/ports.js";
import type { BenchServer } from "./servers.js";

const ADMIT_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 15_000;

/** A bare socket that joined a room like a fresh client, and whether the server let it in. */
export interface BareSocket {
  readonly socket: WebSocket;
  /** True once the server's sync step 2 arrived; false if it closed or timed out first. */
  readonly admitted: Promise<boolean>;
}

/**
 * A bare `ws` socket that does what a fresh y-websocket client does on open
 * (sync step 1 of an empty document, in the server's framing) and nothing
 * more, so the bench can hold thousands cheaply while the server keeps a
 * room and per-socket state as it would for a real editor. On ours it
 * carries the default account's session cookie, as every bench client does,
 * unless given the `headers` of another session. It is admitted when the
 * server answers with sync step 2: the document is loaded and the socket is
 * one of its members.
 */
export function openBareSocket(
  server: BenchServer,
  room: string,
  headers: Record<string, string> = credentialHeaders(server, undefined),
): BareSocket {
  const socket = new WebSocket(`${server.wsUrl}/${encodeURIComponent(room)}`, { headers });
  const admitted = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => done(false), ADMIT_TIMEOUT_MS);
    const onMessage = (data: Buffer) => {
      const message = server.framing.unwrap(data);
      if (message?.[0] === MessageType.sync && message[1] === syncProtocol.messageYjsSyncStep2) done(true);
    };
    function done(ok: boolean) {
      clearTimeout(timer);
      socket.off("message", onMessage);
      resolve(ok);
    }
    socket.on("error", () => done(false));
    socket.once("close", () => done(false));
    socket.once("open", () => {
      for (const frame of server.framing.greeting(room)) socket.send(frame);
    });
    socket.on("message", onMessage);
  });
  return { socket, admitted };
}

/**
 * Opens `count` bare sockets spread evenly over `rooms`, `batchSize` at a
 * time (each batch waits until the last is admitted or refused). Returns the
 * sockets (close them with {@link closeAll}) and how many were admitted.
 */
export async function openIdleSockets(
  server: BenchServer,
  rooms: readonly string[],
  count: number,
  batchSize: number,
): Promise<{ sockets: WebSocket[]; admitted: number }> {
  const sockets: WebSocket[] = [];
  let admitted = 0;
  try {
    for (let start = 0; start < count; start += batchSize) {
      const batch: Promise<boolean>[] = [];
      for (let i = start; i < Math.min(count, start + batchSize); i++) {
        const bare = openBareSocket(server, rooms[i % rooms.length] as string);
        sockets.push(bare.socket);
        batch.push(bare.admitted);
      }
      admitted += (await Promise.all(batch)).filter(Boolean).length;
    }
  } catch (error) {
    await closeAll(sockets);
    throw error;
  }
  return { sockets, admitted };
}

/** `count` rooms named after `title`: documents created through the API on ours. */
export async function createRooms(server: BenchServer, count: number, title: string): Promise<string[]> {
  const rooms: string[] = [];
  for (let d = 0; d < count; d++) rooms.push(await server.createRoom(title));
  return rooms;
}

/** How many of `sockets` are still open: a server may drop sockets it finds idle. */
export function openCount(sockets: readonly WebSocket[]): number {
  return sockets.filter((socket) => socket.readyState === WebSocket.OPEN).length;
}

/** Closes every socket, and terminates those that do not close within the timeout. */
export async function closeAll(sockets: WebSocket[]): Promise<void> {
  const closed = sockets.map(
    (socket) =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once("close", () => resolve());
        socket.close();
      }),
  );
  const timeout = sleep(CLOSE_TIMEOUT_MS);
  await Promise.race([Promise.all(closed), timeout]);
  for (const socket of sockets) if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
}
