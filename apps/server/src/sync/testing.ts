import WebSocket from "ws";
import { Connection } from "./Connection.js";

/** A stand-in socket that records what the server sends, for unit tests. */
export function fakeConnection(
  capabilities: string[] = [],
): Connection & { frames: Uint8Array[]; closed?: number } {
  const frames: Uint8Array[] = [];
  const socket = {
    readyState: WebSocket.OPEN as number,
    bufferedAmount: 0,
    send(frame: Uint8Array) {
      frames.push(frame);
    },
    close(code: number) {
      connection.closed = code;
      socket.readyState = WebSocket.CLOSED;
    },
    terminate() {
      socket.readyState = WebSocket.CLOSED;
    },
  };
  const connection = new Connection(
    socket as unknown as WebSocket,
    new Set(capabilities),
    1 << 24,
    () => {},
  ) as Connection & {
    frames: Uint8Array[];
    closed?: number;
  };
  connection.frames = frames;
  return connection;
}
