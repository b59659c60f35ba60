import WebSocket from "ws";
import { Connection, type TSocketIdentity } from "../sync/Connection.js";
import { SyncStats } from "../sync/SyncStats.js";

/** Who a test socket belongs to unless a test says otherwise: an editor. */
export const editorIdentity: TSocketIdentity = {
  userId: "test-user",
  displayName: "Test Editor",
  sessionId: "test-session",
  workspaceId: "00000000-0000-4000-8000-00000000000a",
  role: "editor",
  readOnly: false,
  suggestOnly: false,
};

/** A stand-in socket that records what the server sends, for unit tests. */
export function fakeConnection(
  capabilities: string[] = [],
  identity: Partial<TSocketIdentity> = {},
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
    { ...editorIdentity, ...identity },
    "00000000-0000-4000-8000-000000000000",
    new SyncStats(),
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
