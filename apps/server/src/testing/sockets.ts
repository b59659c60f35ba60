import { MessageType } from "@caucus/shared";
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import * as Y from "yjs";
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

/** Sync step 1 with an empty state vector: what a fresh client sends first. */
export const SYNC_STEP_1_EMPTY = Uint8Array.of(0, 0, 1, 0);

/**
 * Joins `connection` to `room` and has it ask for the document, as every
 * client does first: only then is it sent others' edits.
 */
export function joinSynced(
  room: { join(connection: Connection): void; receive(connection: Connection, frame: Uint8Array): unknown },
  connection: Connection,
): void {
  room.join(connection);
  room.receive(connection, SYNC_STEP_1_EMPTY);
}

/** Resolves after this turn's held frames were sent (see sync/SendBatch). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A `stored` message as a client reads it: the stored state vector, and how many of its update frames are stored. */
export interface TStoredMessage {
  vector: Map<number, number>;
  frames: number;
}

/** The `stored` messages among what a fake socket was sent, in order. */
export function storedMessages(connection: { frames: Uint8Array[] }): TStoredMessage[] {
  return connection.frames.flatMap((frame) => {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.stored) return [];
    const vector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    return [{ vector, frames: decoding.readVarUint(decoder) }];
  });
}
